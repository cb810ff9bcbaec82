import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { reminderInput } from '$lib/server/goals/schema';
import { vapidKeys } from '$lib/server/reminders/push';
import { reminderSettingsOf, saveReminderSettings } from '$lib/server/reminders/settings';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ locals }, actor) => {
		const found = await reminderSettingsOf(locals.db, actor);
		const keys = await vapidKeys(locals.db, locals.app.secret);
		return { ...found, pushKey: keys.publicKey };
	});

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(reminderInput, await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const current = await reminderSettingsOf(locals.db, actor);
		const values = {
			aan: parsed.data.aan,
			kanaal: parsed.data.kanaal,
			dag: String(parsed.data.dag),
			tijd: parsed.data.tijd,
			stilVan: parsed.data.stilVan,
			stilTot: parsed.data.stilTot
		};
		const enabled = parsed.data.aan === 'ja';
		if (enabled && parsed.data.kanaal === 'email' && !current.hasEmail)
			return fail(400, { values, errors: { kanaal: 'reminder_no_email' } });
		if (enabled && parsed.data.kanaal === 'push' && current.pushDevices === 0)
			return fail(400, { values, errors: { kanaal: 'reminder_no_device' } });
		await saveReminderSettings(locals.db, actor, {
			enabled,
			channel: parsed.data.kanaal,
			weekday: parsed.data.dag,
			time: parsed.data.tijd,
			quietFrom: parsed.data.stilVan,
			quietUntil: parsed.data.stilTot
		});
		// A moment already past this week: the reminder goes out now rather than next week.
		if (enabled) await locals.app.reminders?.plan(new Date(), actor.personId);
		return { saved: true };
	}
};
