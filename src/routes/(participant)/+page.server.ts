import { redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { isParticipant } from '$lib/server/access';
import { requireActor } from '$lib/server/auth/guard';
import { participantPage } from '$lib/server/pages/shell';
import { formatLongDate } from '$lib/format';
import { chartView } from '$lib/server/goals/chart';
import { participantOverview } from '$lib/server/goals/overview';
import { nextSession, participantGroup } from '$lib/server/groups/queries';
import { hasOpenMeasure } from '$lib/server/measures/responses';
import { answered } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

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
		return {
			measureDue,
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
