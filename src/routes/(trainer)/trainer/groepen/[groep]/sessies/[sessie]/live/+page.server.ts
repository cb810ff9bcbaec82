import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm, sentValues, type FormErrors } from '$lib/server/forms';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { requireUuidParams } from '$lib/server/input';
import { getLocale } from '$lib/paraglide/runtime';
import {
	addPrompt,
	keepOnBoard,
	moderateAnswer,
	movePrompt,
	removePrompt,
	startLive,
	stepLive
} from '$lib/server/live/commands';
import { liveForTrainer } from '$lib/server/live/queries';
import {
	moderateInput,
	movePromptInput,
	promptIdInput,
	promptInput,
	stepInput
} from '$lib/server/live/schema';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	// ?module=N: another module's prepared questions (a session without a planned module, or a look ahead).
	const asked = url.searchParams.get('module') ?? '';
	const moduleNumber = /^(?:[1-9]|1[01])$/.test(asked) ? Number(asked) : null;
	return {
		...(await liveForTrainer(locals.db, actor, params.groep, params.sessie, moduleNumber)),
		formKey: newFormKey()
	};
}) satisfies PageServerLoad;

/** Back to the page, at the part that was used (and without JavaScript, the same). */
const back = (url: URL, anchor: string) => `${url.pathname}#${anchor}`;

/** The trainer and the route's ids, checked, for every action of this page. */
async function trainerOf({ locals, url, params }: RequestEvent) {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	return actor;
}

export const actions: Actions = {
	add: answeredAction(async (event: RequestEvent) => {
		const actor = await trainerOf(event);
		const form = await event.request.formData();
		const parsed = parseForm(promptInput, form);
		if (!parsed.ok) return fail(400, { add: true, values: parsed.values, errors: parsed.errors });
		const sent = formKey(form);
		if (!sent)
			return fail(400, {
				add: true,
				values: sentValues(form).values,
				errors: { form: 'form_key' } as FormErrors
			});
		await addPrompt(event.locals.db, actor, event.params.groep, event.params.sessie, parsed.data, sent.key);
		redirect(303, back(event.url, 'prompts'));
	}),
	move: answeredAction(async (event: RequestEvent) => {
		const actor = await trainerOf(event);
		const parsed = parseForm(movePromptInput, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { promptId, direction } = parsed.data;
		await movePrompt(event.locals.db, actor, event.params.groep, event.params.sessie, promptId, direction);
		redirect(303, back(event.url, 'prompts'));
	}),
	remove: answeredAction(async (event: RequestEvent) => {
		const actor = await trainerOf(event);
		const parsed = parseForm(promptIdInput, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await removePrompt(event.locals.db, actor, event.params.groep, event.params.sessie, parsed.data.promptId);
		redirect(303, back(event.url, 'prompts'));
	}),
	start: answeredAction(async (event: RequestEvent) => {
		const actor = await trainerOf(event);
		await startLive(event.locals.db, actor, event.params.groep, event.params.sessie);
		redirect(303, back(event.url, 'live'));
	}),
	step: answeredAction(async (event: RequestEvent) => {
		const actor = await trainerOf(event);
		const parsed = parseForm(stepInput, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await stepLive(event.locals.db, actor, event.params.groep, event.params.sessie, parsed.data);
		redirect(303, back(event.url, parsed.data.kind === 'end' ? 'prompts' : 'live'));
	}),
	keep: answeredAction(async (event: RequestEvent) => {
		const actor = await trainerOf(event);
		const parsed = parseForm(promptIdInput, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { groep, sessie } = event.params;
		await keepOnBoard(event.locals.db, actor, groep, sessie, parsed.data.promptId, getLocale());
		redirect(303, `${event.url.pathname}?bewaard#prompts`);
	}),
	moderate: answeredAction(async (event: RequestEvent) => {
		const actor = await trainerOf(event);
		const parsed = parseForm(moderateInput, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { answerId, decision, seen } = parsed.data;
		const { groep, sessie } = event.params;
		await moderateAnswer(event.locals.db, actor, groep, sessie, answerId, decision, seen || null);
		redirect(303, back(event.url, 'answers'));
	})
};
