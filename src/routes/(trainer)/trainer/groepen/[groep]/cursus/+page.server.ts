import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { groupVersions, moveGroupToNewest } from '$lib/server/curriculum/editing';
import {
	groupCourseForTrainer,
	moveModule,
	setModuleDate,
	setModuleState
} from '$lib/server/curriculum/tailoring';
import { moduleDateInput, moduleStateInput, moveModuleInput } from '$lib/server/curriculum/schema';
import { parseForm } from '$lib/server/forms';
import { answered, answeredAction } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const course = await groupCourseForTrainer(locals.db, actor, params.groep, getLocale());
	const versions = await groupVersions(locals.db, actor, params.groep);
	return { ...course, version: { current: versions.current, newest: versions.newest?.number ?? null } };
}) satisfies PageServerLoad;

export const actions: Actions = {
	/** The group moves to the newest published version of the course (progress is kept). */
	moveVersion: answeredAction(async ({ locals, url, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		return { movedTo: await moveGroupToNewest(locals.db, actor, params.groep) };
	}),
	/** Open, coming or closed; the answer carries the state before, for "undo". */
	state: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(moduleStateInput, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { module, state } = parsed.data;
		const previous = await setModuleState(locals.db, actor, params.groep, module, state);
		return { changed: { module, state, previous } };
	}),
	move: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(moveModuleInput, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await moveModule(locals.db, actor, params.groep, parsed.data.module, parsed.data.richting);
		return { moved: parsed.data.module };
	}),
	date: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(moduleDateInput, await request.formData());
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				module: Number(parsed.values.module ?? ''),
				datum: parsed.values.datum ?? ''
			});
		await setModuleDate(locals.db, actor, params.groep, parsed.data.module, parsed.data.datum);
		return { dated: parsed.data.module };
	})
};
