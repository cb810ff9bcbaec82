import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { parseIntake, validIntakeAnswer, type IntakeQuestion } from '$lib/domain/intake';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { intakeOf } from '$lib/server/guidance/intake/queries';
import { requireIntakeAccess } from '$lib/server/guidance/intake/access';
import { saveIntake } from '$lib/server/guidance/intake/commands';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';

/** The page's field names (also the screens' names in `vraag`), onto the intake's questions. */
const QUESTION_OF_FIELD = {
	apparaat: 'device',
	internet: 'internetAtHome',
	email: 'hasEmail',
	vertrouwen: 'confidence',
	hulp: 'helpWanted'
} as const satisfies Record<string, IntakeQuestion>;
type Field = keyof typeof QUESTION_OF_FIELD;
const FIELDS = Object.keys(QUESTION_OF_FIELD) as Field[];
/** The page's yes and no, onto the intake's. */
const ANSWER_OF_VALUE: Record<string, string> = { ja: 'yes', nee: 'no' };

/** Where the wizard is and what it holds so far, under the page's names (each answer is checked on its screen). */
const wizardForm = z.object({
	vraag: z.enum(FIELDS).catch('apparaat'),
	ga: z.string().optional(),
	...Object.fromEntries(FIELDS.map((field) => [field, z.string().optional()]))
});

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	return intakeOf(locals.db, actor, params.groep, params.deelnemer);
});

export const actions = {
	/** One question per screen; earlier answers travel along as hidden fields; the last one saves and shows the result. */
	default: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		await requireIntakeAccess(locals.db, actor, params.groep, params.deelnemer);
		const wizard = parseForm(wizardForm, await request.formData());
		if (!wizard.ok) return fail(400, { question: 'apparaat' as Field, values: {}, error: true });
		// What the page sends back again, under its own names; and the same answers as the intake's.
		const values: Record<string, string> = {};
		const answers: Partial<Record<IntakeQuestion, string>> = {};
		for (const field of FIELDS) {
			const value = (wizard.data as Partial<Record<Field, string>>)[field];
			if (value === undefined) continue;
			values[field] = value;
			answers[QUESTION_OF_FIELD[field]] = ANSWER_OF_VALUE[value] ?? value;
		}
		const current = wizard.data.vraag;
		const index = FIELDS.indexOf(current);
		if (wizard.data.ga === 'terug') return { question: FIELDS[Math.max(0, index - 1)], values };
		if (!validIntakeAnswer(QUESTION_OF_FIELD[current], answers[QUESTION_OF_FIELD[current]]))
			return fail(400, { question: current, values, error: true });
		const next = FIELDS[index + 1];
		if (next) return { question: next, values };
		const parsed = parseIntake(answers);
		if (!parsed) return fail(400, { question: 'apparaat' as Field, values, error: true });
		await saveIntake(locals.db, actor, params.groep, params.deelnemer, parsed);
		redirect(303, `${url.pathname}?opgeslagen`);
	})
} satisfies Actions;
