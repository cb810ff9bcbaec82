import { fail, redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { isParticipant } from '$lib/server/access';
import { requireActor, requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { participantPage } from '$lib/server/pages/shell';
import { formatLongDate } from '$lib/format';
import { chartView } from '$lib/server/goals/chart';
import { participantOverview } from '$lib/server/goals/overview';
import { nextSession, participantGroup } from '$lib/server/groups/queries';
import { hasOpenMeasure } from '$lib/server/measures/responses';
import { answered, answeredAction } from '$lib/server/route';
import { usageForms } from '$lib/server/usage/schema';
import { answerWhyNot, whyNotQuestion } from '$lib/server/usage/why-not';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages.js';
import { WHY_NOT_ANSWERS, type WhyNotComponent } from '$lib/domain/usage';
import { answerName, whyNotQuestionText } from '$lib/usage-text';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) => {
	// Staff who open the site's front door go to their own area.
	const signedIn = requireActor(event.locals, event.url);
	if (!isParticipant(signedIn)) redirect(303, homePathOf(signedIn.role));
	return participantPage(event, async ({ locals }, actor) => {
		const found = await participantGroup(locals.db, actor);
		const locale = getLocale();
		const overview = found ? await participantOverview(locals.db, actor, locale) : null;
		// The first visit starts with the short tour (skippable; replayed from Help).
		if (overview && !overview.tourSeen) redirect(303, '/rondleiding');
		const next = found && nextSession(found.group, new Date());
		// The group is known already: no second look-up of it.
		const measureDue = found ? await hasOpenMeasure(locals.db, actor, new Date(), found.group.id) : false;
		// "Why not?": once per component, for a component not used for three weeks.
		const whyNot = found && overview ? await whyNotQuestion(locals.db, actor, found.group.id) : null;
		return {
			measureDue,
			whyNot: whyNot && whyNotCard(whyNot),
			whyNotThanks: event.url.searchParams.has('bedankt') ? m.why_not_thanks() : null,
			// What the page shows (the chart's points are worked out below; the tour was seen).
			overview: overview && {
				goal: overview.goal,
				step: overview.step,
				checkIn: overview.checkIn,
				module: overview.module,
				unread: overview.unread,
				starterLessons: overview.starterLessons,
				practice: overview.practice
			},
			// Worked out here so the page's script needs no date formatting or chart geometry.
			chart: overview && overview.chart.length > 1 ? chartView(overview.chart, locale) : null,
			group: found && {
				name: found.group.name,
				location: found.group.location,
				next: next && { time: next.time, date: formatLongDate(next.date, locale) }
			}
		};
	});
}) satisfies PageServerLoad;

/**
 * The "why not?" card with its words in the reader's language, worked out here: the card is seldom
 * shown, and its texts would make every home page's script bigger.
 */
function whyNotCard(component: WhyNotComponent) {
	return {
		component,
		title: m.why_not_title(),
		question: whyNotQuestionText(component),
		hint: m.why_not_optional(),
		answers: WHY_NOT_ANSWERS.map((value) => ({ value, label: answerName(value) })),
		send: m.why_not_send(),
		notNow: m.why_not_answer_not_now()
	};
}

export const actions: Actions = {
	/** The "why not?" card: the answer (or "Niet nu"), kept once per component. */
	waaromNiet: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(usageForms.whyNot, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await answerWhyNot(locals.db, actor, parsed.data);
		redirect(303, '/?bedankt');
	})
};
