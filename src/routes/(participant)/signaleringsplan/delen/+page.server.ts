import { fail } from '@sveltejs/kit';
import { formatLoginCode } from '$lib/domain/login-code';
import { getLocale } from '$lib/paraglide/runtime';
import { requireArea } from '$lib/server/auth/guard';
import { qrSvg } from '$lib/server/cards/qr';
import { config } from '$lib/server/config';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { hit } from '$lib/server/limits/rate-limit';
import { logger } from '$lib/server/log';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { setCareTeamSharing } from '$lib/server/workbook/plan/commands';
import { careTeamSharingInput } from '$lib/server/workbook/plan/schema';
import {
	endSignificantOtherLink,
	inviteSignificantOther,
	newSignificantOtherCode,
	setGoalSharing,
	type SignificantOtherCode
} from '$lib/server/workbook/sharing/commands';
import { emailSignificantOtherCode } from '$lib/server/workbook/sharing/mail';
import { ownSharing } from '$lib/server/workbook/sharing/queries';
import { goalSharingInput, inviteInput, linkInput } from '$lib/server/workbook/sharing/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => ({ sharing: await ownSharing(locals.db, actor) }))
) satisfies PageServerLoad;

const careTeamForm = namedFields(careTeamSharingInput, { on: 'begeleiding' });
const inviteForm = namedFields(inviteInput, { name: 'naam', how: 'hoe', email: 'email', shareGoal: 'doel' });
const linkForm = namedFields(linkInput, { link: 'naaste' });
const goalForm = namedFields(goalSharingInput, { link: 'naaste', on: 'doel' });

/** A printable invitation card: the code, its QR code and where to type it. */
async function printableCard(card: SignificantOtherCode) {
	const base = config().publicBaseUrl;
	return {
		name: card.name,
		code: formatLoginCode(card.code),
		expiresAt: card.expiresAt.toISOString().slice(0, 10),
		qr: await qrSvg(`${base}/kaart?code=${card.code}`),
		signInUrl: `${base}/kaart`
	};
}

/** Invitations a participant may make in a day: enough for a family, too few to probe addresses. */
const INVITES_PER_DAY = 10;

export const actions: Actions = {
	careTeam: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(careTeamForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await setCareTeamSharing(locals.db, actor, parsed.data.on);
		return { careTeamSaved: true };
	}),
	invite: answeredAction(async ({ locals, url, request }: RequestEvent) => {
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
		if (!invited.email) return { card: await printableCard(invited) };
		try {
			await emailSignificantOtherCode({ ...invited, email: invited.email }, actor.displayName, getLocale());
			return { emailed: invited.email };
		} catch (failure) {
			// The link is made; the participant can make a card or a new code for it.
			logger.warn({ err: String(failure) }, 'naaste invitation: mail refused');
			return { mailFailed: invited.email };
		}
	}),
	newCode: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(linkForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		return { card: await printableCard(await newSignificantOtherCode(locals.db, actor, parsed.data.link)) };
	}),
	goal: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(goalForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await setGoalSharing(locals.db, actor, parsed.data.link, parsed.data.on);
		return { goalSaved: true };
	}),
	/** Stopping asks first (a page of its own without script); `bevestig=ja` stops. */
	stop: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(linkForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		if (form.get('bevestig') !== 'ja') {
			const { links } = await ownSharing(locals.db, actor);
			const link = links.find((one) => one.id === parsed.data.link);
			if (link) return { confirmStop: { id: link.id, name: link.name } };
		}
		await endSignificantOtherLink(locals.db, actor, parsed.data.link);
		return { stopped: true };
	})
};
