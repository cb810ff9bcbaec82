import { error, fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { moduleNumberParam } from '$lib/server/curriculum/params';
import { stepHiddenInput } from '$lib/server/curriculum/schema';
import { groupCourseForTrainer, setStepHidden } from '$lib/server/curriculum/tailoring';
import { parseForm } from '$lib/server/forms';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	const number = moduleNumberParam(params.nummer);
	const course = number === null ? null : await groupCourseForTrainer(actor, params.groep, getLocale());
	const module = course?.modules.find((candidate) => candidate.number === number);
	if (!course || !module) error(404, 'Not Found');
	return { group: course.group, module };
};

export const actions: Actions = {
	/** Hides a step for the group or shows it again; the answer offers the opposite as "undo". */
	hide: async ({ locals, url, params, request }) => {
		const actor = await requireArea(locals, url, 'trainer');
		const number = moduleNumberParam(params.nummer);
		const parsed = parseForm(stepHiddenInput, await request.formData());
		if (number === null) error(404, 'Not Found');
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const hidden = parsed.data.verborgen === 'ja';
		if (!(await setStepHidden(actor, params.groep, number, parsed.data.stap, hidden)))
			error(404, 'Not Found');
		return { step: parsed.data.stap, hidden };
	}
};
