import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { setApproveFirst } from '$lib/server/board/commands';
import { boardSettingOf } from '$lib/server/board/queries';
import { boardSettingInput } from '$lib/server/board/schema';
import { calendarActions } from '$lib/server/calendar/actions';
import { groupCalendar } from '$lib/server/calendar/group-calendar/queries';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { addGroupTrainer, removeGroupTrainer } from '$lib/server/groups/commands';
import { groupTrainerChoices } from '$lib/server/groups/queries';
import { addTrainerInput, removeTrainerInput } from '$lib/server/groups/schema';
import { organisationAttention } from '$lib/server/guidance/attention/queries';
import { newFormKey } from '$lib/server/idempotency';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

const addTrainerFields = namedFields(addTrainerInput, { trainerId: 'trainer' });
const boardSettingFields = namedFields(boardSettingInput, { approveFirst: 'eerst_goedkeuren' });
const removeTrainerFields = namedFields(removeTrainerInput, { trainerId: 'trainer', confirmed: 'zeker' });

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	requireUuidParams(params);
	const calendar = await groupCalendar(locals.db, actor, params.groep);
	const attention =
		(await organisationAttention(locals.db, actor, undefined, [calendar.group.id])).get(calendar.group.id) ??
		null;
	const trainers = await groupTrainerChoices(locals.db, actor, calendar.group.id);
	const board = await boardSettingOf(locals.db, actor, calendar.group.id);
	// "Haal van de groep" first asks (a GET, so the address stays clean): whom, or why not.
	const asked = url.searchParams.get('verwijder');
	const removing = trainers.trainers.find((trainer) => trainer.id === asked) ?? null;
	return {
		...calendar,
		attention,
		trainers,
		removing,
		trainerChange: url.searchParams.get('trainer'),
		board,
		boardSaved: url.searchParams.has('prikbord'),
		formKey: newFormKey()
	};
}) satisfies PageServerLoad;

/** Back to the group's trainers, with what happened in the address (redirect after POST). */
function toTrainers(url: URL, done: 'toegevoegd' | 'verwijderd'): never {
	redirect(303, `${url.pathname}?trainer=${done}#trainers`);
}

export const actions: Actions = {
	...calendarActions('admin'),
	addTrainer: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'admin');
		requireUuidParams(params);
		const parsed = parseForm(addTrainerFields, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await addGroupTrainer(locals.db, actor, params.groep, parsed.data.trainerId);
		toTrainers(url, 'toegevoegd');
	}),
	/** Switches the board's "approve first" on or off. */
	boardSetting: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'admin');
		requireUuidParams(params);
		const parsed = parseForm(boardSettingFields, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await setApproveFirst(locals.db, actor, params.groep, parsed.data.approveFirst === 'ja');
		redirect(303, `${url.pathname}?prikbord#board-setting`);
	}),
	/** Asks first (without zeker=ja the page shows the question), then takes the trainer off. */
	removeTrainer: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'admin');
		requireUuidParams(params);
		const parsed = parseForm(removeTrainerFields, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		if (!parsed.data.confirmed) redirect(303, `${url.pathname}?verwijder=${parsed.data.trainerId}#trainers`);
		await removeGroupTrainer(locals.db, actor, params.groep, parsed.data.trainerId);
		toTrainers(url, 'verwijderd');
	})
};
