import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { INTAKE_QUESTIONS, parseIntake, validIntakeAnswer } from '$lib/domain/intake';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { intakeOf, requireIntakeAccess, saveIntake } from '$lib/server/guidance/intake';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** Where the wizard is and what it holds so far (each answer is checked on its own screen). */
const wizardForm = z.object({
	vraag: z.enum(INTAKE_QUESTIONS).catch('apparaat'),
	ga: z.string().optional(),
	...Object.fromEntries(INTAKE_QUESTIONS.map((question) => [question, z.string().optional()]))
});

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	return intakeOf(locals.db, actor, params.groep, params.deelnemer);
}) satisfies PageServerLoad;

export const actions = {
	/** One question per screen; earlier answers travel along as hidden fields; the last one saves. */
	default: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		await requireIntakeAccess(locals.db, actor, params.groep, params.deelnemer);
		const wizard = parseForm(wizardForm, await request.formData());
		if (!wizard.ok) return fail(400, { question: 'apparaat' as const, values: {}, error: true });
		const values: Record<string, string> = {};
		for (const question of INTAKE_QUESTIONS) {
			const value = (wizard.data as Partial<Record<string, string>>)[question];
			if (value !== undefined) values[question] = value;
		}
		const current = wizard.data.vraag;
		const index = INTAKE_QUESTIONS.indexOf(current);
		if (wizard.data.ga === 'terug') return { question: INTAKE_QUESTIONS[Math.max(0, index - 1)], values };
		if (!validIntakeAnswer(current, values[current]))
			return fail(400, { question: current, values, error: true });
		const next = INTAKE_QUESTIONS[index + 1];
		if (next) return { question: next, values };
		// The answers under the form's Dutch names become the intake's own (English) in the domain.
		const answers = parseIntake(values);
		if (!answers) return fail(400, { question: 'apparaat' as const, values, error: true });
		return { saved: await saveIntake(locals.db, actor, params.groep, params.deelnemer, answers) };
	})
} satisfies Actions;
