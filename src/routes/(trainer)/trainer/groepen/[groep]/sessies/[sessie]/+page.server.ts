import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { changeSession, recordAttendance, sessionForTrainer } from '$lib/server/calendar/calendar';
import {
	assignPractice,
	giveFeedback,
	practiceForTrainer,
	practiceSteps
} from '$lib/server/calendar/home-practice';
import { feedbackInput, parseAttendance, parsePractice, planInput } from '$lib/server/calendar/schema';
import { groupCourseForTrainer } from '$lib/server/curriculum/tailoring';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const found = await sessionForTrainer(actor, params.groep, params.sessie);
	if (!found) error(404, 'Not Found');
	const locale = getLocale();
	const [practice, steps, course] = await Promise.all([
		practiceForTrainer(actor, params.groep, params.sessie, locale),
		practiceSteps(actor, params.groep, locale),
		groupCourseForTrainer(actor, params.groep, locale)
	]);
	return {
		...found,
		practice,
		steps,
		modules: (course?.modules ?? []).map((module) => ({ number: module.number, title: module.title }))
	};
};

const back = (url: URL, notice: string, anchor: string) => `${url.pathname}?${notice}#${anchor}`;

export const actions: Actions = {
	plan: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(planInput, await request.formData());
		if (!parsed.ok) return fail(400, { plan: true, values: parsed.values, errors: parsed.errors });
		const { module, onderwerp, notities } = parsed.data;
		const result = await changeSession(actor, params.groep, params.sessie, {
			kind: 'plan',
			moduleNumber: module,
			topic: onderwerp,
			notes: notities
		});
		if (result !== 'changed') error(404, 'Not Found');
		redirect(303, back(url, 'opgeslagen', 'plan'));
	},
	attendance: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const marks = parseAttendance(await request.formData());
		if (!marks) return fail(400, { attendance: true, errors: { form: 'invalid' } as FormErrors });
		const recorded = await recordAttendance(actor, params.groep, params.sessie, marks);
		if (recorded === null) error(404, 'Not Found');
		redirect(303, back(url, 'aanwezigheid', 'attendance'));
	},
	practice: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parsePractice(form);
		if (!parsed.ok) return fail(400, { practice: true, values: parsed.values, errors: parsed.errors });
		const result = await assignPractice(actor, params.groep, params.sessie, parsed.data);
		if (result === 'not_found') error(404, 'Not Found');
		if (result !== 'assigned')
			return fail(409, {
				practice: true,
				// What was typed stays in the form.
				values: Object.fromEntries(
					[...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
				),
				errors: { [result === 'step_unknown' ? 'stap' : 'form']: result } as FormErrors
			});
		redirect(303, back(url, 'opdracht', 'practice'));
	},
	feedback: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(feedbackInput, await request.formData());
		if (!parsed.ok)
			return fail(400, {
				feedbackFor: parsed.values.deelnemer ?? '',
				values: parsed.values,
				errors: parsed.errors
			});
		const { opdracht, deelnemer, feedback } = parsed.data;
		if (!(await giveFeedback(actor, params.groep, opdracht, deelnemer, feedback))) error(404, 'Not Found');
		redirect(303, back(url, 'feedback', `answer-${deelnemer}`));
	}
};
