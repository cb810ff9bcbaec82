import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { namedFields } from '$lib/server/form-fields';
import { reminderInput } from '$lib/server/reminders/schema';
import { vapidKeys } from '$lib/server/reminders/push';
import { reminderSettingsOf } from '$lib/server/reminders/queries';
import { saveReminderSettings } from '$lib/server/reminders/commands';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ locals }, actor) => {
		const found = await reminderSettingsOf(locals.db, actor);
		const keys = await vapidKeys(locals.db, locals.app.secret);
		return { ...found, pushKey: keys.publicKey };
	});

const reminderForm = namedFields(reminderInput, {
	enabled: 'aan',
	channel: 'kanaal',
	weekday: 'dag',
	time: 'tijd',
	quietFrom: 'stilVan',
	quietUntil: 'stilTot'
});

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(reminderForm, await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const current = await reminderSettingsOf(locals.db, actor);
		const settings = parsed.data;
		// What was chosen, under the page's field names, to show again.
		const values = {
			aan: settings.enabled ? 'ja' : 'nee',
			kanaal: settings.channel,
			dag: String(settings.weekday),
			tijd: settings.time,
			stilVan: settings.quietFrom,
			stilTot: settings.quietUntil
		};
		if (settings.enabled && settings.channel === 'email' && !current.hasEmail)
			return fail(400, { values, errors: { kanaal: 'reminder_no_email' } });
		if (settings.enabled && settings.channel === 'push' && current.pushDevices === 0)
			return fail(400, { values, errors: { kanaal: 'reminder_no_device' } });
		await saveReminderSettings(locals.db, actor, settings);
		// A moment already past this week: the reminder goes out now rather than next week.
		if (settings.enabled) await locals.app.reminders?.plan(new Date(), actor.personId);
		return { saved: true };
	}
};
