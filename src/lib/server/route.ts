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
export type RefusedForm = ActionFailure<{
	field: string;
	error: string;
	/** The message key under the field's name, as parseForm gives it (pages show `form.errors`). */
	errors: Record<string, string>;
	/** What was typed, to fill the form in again (never passwords, codes or the form key). */
	values: Record<string, string>;
}>;

/** Fields whose value never comes back to the page. */
const SECRET_FIELD = /wachtwoord|password|code|token|sleutel/i;

/** The text values of the form the action read, if it read one. */
async function typedValues(form: Promise<FormData> | undefined): Promise<Record<string, string>> {
	const values: Record<string, string> = {};
	const data = form ? await form.catch(() => null) : null;
	for (const [field, value] of data?.entries() ?? [])
		if (typeof value === 'string' && !SECRET_FIELD.test(field) && !(field in values)) values[field] = value;
	return values;
}

/**
 * A form action whose Invalid and Conflict come back to the form — the message beside its field, and
 * what was typed — while NotFound and Forbidden are pages.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function answeredAction<Result, Event = any>(
	run: (event: Event) => Promise<Result>
): (event: Event) => Promise<Result | RefusedForm> {
	return async (event) => {
		// The body can be read once: keep the action's reading of it, to give the values back.
		const request = (event as { request?: Request }).request;
		let form: Promise<FormData> | undefined;
		if (request) {
			const read = request.formData.bind(request);
			request.formData = () => (form ??= read());
		}
		try {
			return await run(event);
		} catch (thrown) {
			if (thrown instanceof Invalid || thrown instanceof Conflict) {
				const field = thrown instanceof Invalid ? thrown.field : 'form';
				return fail(thrown.status, {
					field,
					error: thrown.messageKey,
					errors: { [field]: thrown.messageKey },
					values: await typedValues(form)
				});
			}
			if (isDomainError(thrown)) asHttpError(thrown);
			throw thrown;
		}
	};
}
