import { error, fail } from '@sveltejs/kit';
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
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const course = await groupCourseForTrainer(actor, params.groep, getLocale());
	const versions = await groupVersions(actor, params.groep);
	if (!course || !versions) error(404, 'Not Found');
	return { ...course, version: { current: versions.current, newest: versions.newest?.number ?? null } };
};

export const actions: Actions = {
	/** The group moves to the newest published version of the course (progress is kept). */
	moveVersion: async ({ locals, url, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const number = await moveGroupToNewest(actor, params.groep);
		if (number === null) error(404, 'Not Found');
		return { movedTo: number };
	},
	/** Open, coming or closed; the answer carries the state before, for "undo". */
	state: async ({ locals, url, params, request }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(moduleStateInput, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { module, state } = parsed.data;
		const previous = await setModuleState(actor, params.groep, module, state);
		if (!previous) error(404, 'Not Found');
		return { changed: { module, state, previous } };
	},
	move: async ({ locals, url, params, request }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(moveModuleInput, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		if (!(await moveModule(actor, params.groep, parsed.data.module, parsed.data.richting)))
			error(404, 'Not Found');
		return { moved: parsed.data.module };
	},
	date: async ({ locals, url, params, request }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(moduleDateInput, form);
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				module: Number(form.get('module')),
				datum: String(form.get('datum') ?? '')
			});
		if (!(await setModuleDate(actor, params.groep, parsed.data.module, parsed.data.datum)))
			error(404, 'Not Found');
		return { dated: parsed.data.module };
	}
};
