import { redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { requireActor, requireArea } from '$lib/server/auth/guard';
import { formatLongDate } from '$lib/format';
import { chartView } from '$lib/server/goals/chart';
import { participantOverview } from '$lib/server/goals/overview';
import { nextSession, participantGroup } from '$lib/server/groups/queries';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	// Staff who open the site's front door go to their own area.
	const signedIn = requireActor(locals, url);
	if (signedIn.role !== 'participant') redirect(303, homePathOf(signedIn.role));
	const actor = await requireArea(locals, url, 'participant');
	const found = await participantGroup(actor);
	const locale = getLocale();
	const overview = found ? await participantOverview(actor, locale) : null;
	// The first visit starts with the short tour (skippable; replayed from Help).
	if (overview && !overview.tourSeen) redirect(303, '/rondleiding');
	const next = found && nextSession(found.group, new Date());
	return {
		overview: overview && { ...overview, chart: undefined },
		// Worked out here so the page's script needs no date formatting or chart geometry.
		chart: overview && overview.chart.length > 1 ? chartView(overview.chart, locale) : null,
		group: found && {
			name: found.group.name,
			location: found.group.location,
			next: next && { time: next.time, date: formatLongDate(next.date, locale) }
		}
	};
};
