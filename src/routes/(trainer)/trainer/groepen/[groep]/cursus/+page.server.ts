import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { groupVersions } from '$lib/server/curriculum/editing/queries';
import { moveGroupToNewest } from '$lib/server/curriculum/editing/commands';
import { groupCourseForTrainer } from '$lib/server/curriculum/tailoring/queries';
import { moveModule, setModuleDate, setModuleState } from '$lib/server/curriculum/tailoring/commands';
import { moduleDateInput, moduleStateInput, moveModuleInput } from '$lib/server/curriculum/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { answered, answeredAction } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const course = await groupCourseForTrainer(locals.db, actor, params.groep, getLocale());
	const versions = await groupVersions(locals.db, actor, params.groep);
	return {
		...course,
		version: { current: versions.current, newest: versions.newest?.number ?? null },
		notice: noticeOf(url, course.modules)
	};
}) satisfies PageServerLoad;

const moduleStates = ['open', 'coming', 'closed'] as const;

/**
 * What the last post did, from the clean address it redirected to: a module's new state (with the state
 * before it, for "undo"), a module moved or dated, the group moved to a newer version. A module number
 * that is not in the course shows nothing.
 */
function noticeOf(url: URL, modules: { number: number; state: string }[]) {
	const find = (name: string) =>
		modules.find((module) => String(module.number) === url.searchParams.get(name));
	const changed = find('gewijzigd');
	const previous = moduleStates.find((state) => state === url.searchParams.get('vorige'));
	const version = Number(url.searchParams.get('versie'));
	return {
		changed: changed
			? { module: changed.number, state: changed.state, previous: previous ?? changed.state }
			: null,
		moved: find('verplaatst')?.number ?? null,
		dated: find('datum')?.number ?? null,
		movedTo: Number.isSafeInteger(version) && version > 0 ? version : null
	};
}

// The page's Dutch field names for the schemas' English keys.
const stateFields = namedFields(moduleStateInput, { moduleNumber: 'module', state: 'state' });
const moveFields = namedFields(moveModuleInput, { moduleNumber: 'module', direction: 'richting' });
const dateFields = namedFields(moduleDateInput, { moduleNumber: 'module', date: 'datum' });

export const actions: Actions = {
	/** The group moves to the newest published version of the course (progress is kept). */
	moveVersion: answeredAction(async ({ locals, url, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const movedTo = await moveGroupToNewest(locals.db, actor, params.groep);
		redirect(303, `${url.pathname}?versie=${movedTo}`);
	}),
	/** Open, coming or closed; the address it redirects to carries the state before, for "undo". */
	state: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(stateFields, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { moduleNumber, state } = parsed.data;
		const previous = await setModuleState(locals.db, actor, params.groep, moduleNumber, state);
		redirect(303, `${url.pathname}?gewijzigd=${moduleNumber}&vorige=${previous}`);
	}),
	move: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(moveFields, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await moveModule(locals.db, actor, params.groep, parsed.data.moduleNumber, parsed.data.direction);
		redirect(303, `${url.pathname}?verplaatst=${parsed.data.moduleNumber}`);
	}),
	date: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(dateFields, await request.formData());
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				module: Number(parsed.values.module ?? ''),
				datum: parsed.values.datum ?? ''
			});
		const { moduleNumber, date } = parsed.data;
		const saved = await setModuleDate(locals.db, actor, params.groep, moduleNumber, date);
		if (saved === 'no_session')
			return fail(400, { errors: { datum: 'no_session_on_date' }, module: moduleNumber, datum: date ?? '' });
		redirect(303, `${url.pathname}?datum=${moduleNumber}`);
	})
};
