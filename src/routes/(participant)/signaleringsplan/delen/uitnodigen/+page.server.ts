import { fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { hit } from '$lib/server/limits/rate-limit';
import { logger } from '$lib/server/log';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { printableCard } from '$lib/server/workbook/sharing/card';
import { inviteSignificantOther } from '$lib/server/workbook/sharing/commands';
import { emailSignificantOtherCode } from '$lib/server/workbook/sharing/mail';
import { ownSharing } from '$lib/server/workbook/sharing/queries';
import { sharingForms } from '$lib/server/workbook/sharing/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => ({ full: (await ownSharing(locals.db, actor)).full }))
) satisfies PageServerLoad;

const inviteForm = sharingForms.invite;

/** Invitations a participant may make in a day: enough for a family, too few to probe addresses. */
const INVITES_PER_DAY = 10;

export const actions: Actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(inviteForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const limited = await hit(locals.db, [
			{ key: `significant-other-invite:${actor.personId}`, max: INVITES_PER_DAY, windowSeconds: 24 * 3600 }
		]);
		if (!limited.allowed)
			return fail(429, {
				errors: { form: 'significant_other_invites_today' },
				values: {
					naam: parsed.data.name,
					hoe: parsed.data.how,
					email: parsed.data.email ?? '',
					doel: parsed.data.shareGoal ? 'ja' : ''
				}
			});
		const invited = await inviteSignificantOther(locals.db, actor, parsed.data);
		if (!invited.email) return { card: await printableCard(invited, actor.displayName) };
		try {
			await emailSignificantOtherCode({ ...invited, email: invited.email }, actor.displayName, getLocale());
			return { emailed: invited.email };
		} catch (failure) {
			// The link is made; the participant can make a card or a new code for it.
			logger.warn({ err: String(failure) }, 'naaste invitation: mail refused');
			return { mailFailed: invited.email };
		}
	})
};
