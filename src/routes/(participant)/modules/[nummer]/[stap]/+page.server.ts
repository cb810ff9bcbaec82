import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { MAX_ANSWER_LENGTH, saveStep } from '$lib/server/curriculum/course/commands';
import { participantStep } from '$lib/server/curriculum/course/queries';
import { moduleNumberParam, stepKeyParam } from '$lib/server/curriculum/params';
import { parseForm } from '$lib/server/forms';
import { freeText } from '$lib/server/input';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, RequestEvent, PageServerLoadEvent } from './$types';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';

const stepInput = z.object({
	answer: freeText(MAX_ANSWER_LENGTH, { tooLong: 'answer_too_long' }).optional()
});

function stepOf(params: RequestEvent['params']) {
	const moduleNumber = moduleNumberParam(params.nummer);
	const key = stepKeyParam(params.stap);
	if (moduleNumber === null || key === null) error(404, 'Not Found');
	return { moduleNumber, key };
}

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ params, locals }, actor) => {
		const { moduleNumber, key } = stepOf(params);
		return { step: await participantStep(locals.db, actor, moduleNumber, key, getLocale()) };
	})
) satisfies PageServerLoad;

/** Saves the answer (when the step asks one) and, for "next", marks the step done. */
async function save(event: RequestEvent, finish: boolean) {
	const actor = await requireArea(event.locals, event.url, 'participant');
	const { moduleNumber, key } = stepOf(event.params);
	const form = await event.request.formData();
	const parsed = parseForm(stepInput, form);
	if (!parsed.ok) {
		// Nothing typed is lost: the text comes back with the message.
		return fail(400, { errors: parsed.errors, answer: parsed.values.answer ?? '' });
	}
	const saved = await saveStep(event.locals.db, actor, {
		moduleNumber,
		key,
		answer: parsed.data.answer,
		finish
	});
	return { moduleNumber, next: saved.next };
}

export const actions: Actions = {
	save: answeredAction(async (event: RequestEvent) => {
		const result = await save(event, false);
		if ('status' in result) return result;
		return { saved: true };
	}),
	next: answeredAction(async (event: RequestEvent) => {
		const result = await save(event, true);
		if ('status' in result) return result;
		if (result.next) redirect(303, `/modules/${result.moduleNumber}/${result.next}`);
		redirect(303, `/modules/${result.moduleNumber}?klaar`);
	})
};
