import { fail } from '@sveltejs/kit';
import { formatMoment } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { setCareTeamSharing } from '$lib/server/workbook/plan/commands';
import { planForms } from '$lib/server/workbook/plan/schema';
import { printableCard } from '$lib/server/workbook/sharing/card';
import {
	endSignificantOtherLink,
	newSignificantOtherCode,
	setGoalSharing
} from '$lib/server/workbook/sharing/commands';
import { ownSharing } from '$lib/server/workbook/sharing/queries';
import { sharingForms } from '$lib/server/workbook/sharing/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		const sharing = await ownSharing(locals.db, actor);
		const locale = getLocale();
		// What is said about each naaste comes with the page (these texts stay out of its JavaScript).
		return {
			sharing: {
				...sharing,
				links: sharing.links.map((link) => ({
					...link,
					lines: [
						link.shareGoal ? m.share_sees_plan_goal() : m.share_sees_plan(),
						link.email ? m.share_by_email({ email: link.email }) : m.share_by_card(),
						link.signedIn ? m.share_signed_in() : m.share_not_signed_in()
					]
				})),
				ended: sharing.ended.map((ended) => {
					const said = { name: ended.name, when: formatMoment(ended.endedAt, locale) };
					return { text: ended.byParticipant ? m.share_ended_by_you(said) : m.share_ended_by_them(said) };
				})
			}
		};
	})
) satisfies PageServerLoad;

const careTeamForm = planForms.careTeam;
const linkForm = sharingForms.link;
const goalForm = sharingForms.goal;

export const actions: Actions = {
	careTeam: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(careTeamForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await setCareTeamSharing(locals.db, actor, parsed.data.on);
		return { careTeamSaved: true };
	}),
	newCode: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(linkForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const code = await newSignificantOtherCode(locals.db, actor, parsed.data.link);
		return { card: await printableCard(code, actor.displayName) };
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
