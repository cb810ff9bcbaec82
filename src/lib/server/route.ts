/**
 * Where the capabilities' error vocabulary (./errors) becomes HTTP, once. Routes wrap their loads,
 * endpoints and actions:
 *
 *   export const load: PageServerLoad = answered(async ({ locals, params }) => { … });
 *   export const actions: Actions = { default: answeredAction(async (event) => { … }) };
 *
 * NotFound → 404 and Forbidden → 403 (the app's error page, translated); Invalid → 400, for an action
 * `fail(400, { field, error })` so the form shows the message beside the field and keeps what was
 * typed; Conflict → 409. Anything else passes through untouched (SvelteKit's redirects and errors,
 * and faults, which handleError logs).
 */
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { Conflict, Invalid, isDomainError, type DomainError } from './errors';

function asHttpError(thrown: DomainError): never {
	if (thrown instanceof Invalid) error(400, 'Bad Request');
	if (thrown instanceof Conflict) error(409, 'Conflict');
	error(thrown.status, thrown.status === 404 ? 'Not Found' : 'Forbidden');
}

/*
 * `Event = any`: SvelteKit's generated types read a route's data from a copy of the route file
 * with the `: PageServerLoad` annotation taken off, where nothing tells the wrapper the event's
 * type. Without the default, the whole result there becomes `unknown` (and so the page's data);
 * with it, the result is inferred as written. In the route file itself the annotation gives Event.
 */

/** A load or endpoint whose domain errors answer as HTTP errors. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function answered<Result, Event = any>(
	run: (event: Event) => Promise<Result>
): (event: Event) => Promise<Result> {
	return async (event) => {
		try {
			return await run(event);
		} catch (thrown) {
			if (isDomainError(thrown)) asHttpError(thrown);
			throw thrown;
		}
	};
}

/** What a form gets back when a capability refused its input or found a conflict. */
export type RefusedForm = ActionFailure<{ field: string; error: string }>;

/** A form action whose Invalid and Conflict come back to the form; NotFound and Forbidden are pages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function answeredAction<Result, Event = any>(
	run: (event: Event) => Promise<Result>
): (event: Event) => Promise<Result | RefusedForm> {
	return async (event) => {
		try {
			return await run(event);
		} catch (thrown) {
			if (thrown instanceof Invalid) return fail(400, { field: thrown.field, error: thrown.messageKey });
			if (thrown instanceof Conflict) return fail(409, { field: 'form', error: thrown.messageKey });
			if (isDomainError(thrown)) asHttpError(thrown);
			throw thrown;
		}
	};
}
