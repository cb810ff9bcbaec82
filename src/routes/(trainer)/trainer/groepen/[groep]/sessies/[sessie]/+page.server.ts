import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { changeSession, recordAttendance } from '$lib/server/calendar/group-calendar/commands';
import { sessionForTrainer } from '$lib/server/calendar/group-calendar/queries';
import { assignPractice } from '$lib/server/calendar/home-practice/commands';
import { practiceForTrainer, practiceSteps } from '$lib/server/calendar/home-practice/queries';
import { attendanceInput, planInput, practiceInput } from '$lib/server/calendar/schema';
import { groupCourseForTrainer } from '$lib/server/curriculum/tailoring/queries';
import { liveParticipants } from '$lib/server/live/queries';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { getLocale } from '$lib/paraglide/runtime';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { answered, answeredAction } from '$lib/server/route';
import { everyonePresentAction } from '../../attendance-everyone';
import { feedbackAction } from '../../practice-feedback';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const found = await sessionForTrainer(locals.db, actor, params.groep, params.sessie);
	const locale = getLocale();
	const [practice, steps, course, tookPart] = await Promise.all([
		practiceForTrainer(locals.db, actor, params.groep, params.sessie, locale),
		practiceSteps(locals.db, actor, params.groep, locale),
		groupCourseForTrainer(locals.db, actor, params.groep, locale),
		// Who answered in live mode: shown beside the attendance (logged with it as attendance.read).
		liveParticipants(locals.db, found.session.id)
	]);
	return {
		...found,
		practice,
		steps,
		// Members only: the attendance list's people, whose read is logged above.
		tookPart: tookPart.filter((person) => found.attendance.some((member) => member.id === person.id)),
		modules: course.modules.map((module) => ({ number: module.number, title: module.title })),
		formKey: newFormKey()
	};
}) satisfies PageServerLoad;

// The page's Dutch field names for the schemas' English keys.
const planFields = namedFields(planInput, { moduleNumber: 'module', topic: 'onderwerp', notes: 'notities' });
const practiceFields = namedFields(practiceInput, {
	source: 'bron',
	step: 'stap',
	text: 'tekst',
	answerKind: 'antwoord',
	choices: 'keuzes'
});

const back = (url: URL, notice: string, anchor: string) => `${url.pathname}?${notice}#${anchor}`;

export const actions: Actions = {
	plan: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(planFields, await request.formData());
		if (!parsed.ok) return fail(400, { plan: true, values: parsed.values, errors: parsed.errors });
		await changeSession(locals.db, actor, params.groep, params.sessie, { kind: 'plan', ...parsed.data });
		redirect(303, back(url, 'opgeslagen', 'plan'));
	}),
	attendance: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(attendanceInput, form);
		if (!parsed.ok) return fail(400, { attendance: true, errors: parsed.errors });
		const sent = formKey(form);
		if (!sent) return fail(400, { attendance: true, errors: { form: 'form_key' } as FormErrors });
		await recordAttendance(locals.db, actor, params.groep, params.sessie, parsed.data, sent.key);
		redirect(303, back(url, 'aanwezigheid', 'attendance'));
	}),
	practice: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(practiceFields, form);
		if (!parsed.ok) return fail(400, { practice: true, values: parsed.values, errors: parsed.errors });
		const sent = formKey(form);
		const result = sent
			? await assignPractice(locals.db, actor, params.groep, params.sessie, parsed.data, sent.key)
			: 'form_key';
		if (result !== 'assigned')
			return fail(result === 'form_key' ? 400 : 409, {
				practice: true,
				// What was typed stays in the form.
				values: Object.fromEntries(
					[...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
				),
				errors: { [result === 'step_unknown' ? 'stap' : 'form']: result } as FormErrors
			});
		redirect(303, back(url, 'opdracht', 'practice'));
	}),
	feedback: feedbackAction,
	everyonePresent: everyonePresentAction
};
