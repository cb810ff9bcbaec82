import { error, fail } from '@sveltejs/kit';
import { INTAKE_QUESTIONS, parseIntake, validIntakeAnswer, type IntakeQuestion } from '$lib/domain/intake';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { intakeOf, mayDoIntake, saveIntake } from '$lib/server/guidance/intake';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const found = await intakeOf(actor, params.groep, params.deelnemer);
	if (!found) error(404, 'Not Found');
	return found;
};

export const actions: Actions = {
	/** One question per screen; earlier answers travel along as hidden fields; the last one saves. */
	default: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		if (!(await mayDoIntake(actor, params.groep, params.deelnemer))) error(404, 'Not Found');
		const form = await request.formData();
		const values: Record<string, string> = {};
		for (const key of INTAKE_QUESTIONS) {
			const value = form.get(key);
			if (typeof value === 'string') values[key] = value;
		}
		const current: IntakeQuestion =
			INTAKE_QUESTIONS.find((question) => question === form.get('vraag')) ?? 'apparaat';
		const index = INTAKE_QUESTIONS.indexOf(current);
		if (form.get('ga') === 'terug') return { question: INTAKE_QUESTIONS[Math.max(0, index - 1)], values };
		if (!validIntakeAnswer(current, values[current]))
			return fail(400, { question: current, values, error: true });
		const next = INTAKE_QUESTIONS[index + 1];
		if (next) return { question: next, values };
		const answers = parseIntake(values);
		if (!answers) return fail(400, { question: 'apparaat' as const, values, error: true });
		const path = await saveIntake(actor, params.groep, params.deelnemer, answers);
		if (!path) error(404, 'Not Found');
		return { saved: path };
	}
};
