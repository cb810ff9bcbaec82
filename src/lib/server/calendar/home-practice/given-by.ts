/** When a home practice counts as given: at a session that took place and has started. */
import { and, eq, lt, lte, or } from 'drizzle-orm';
import { local } from '$lib/domain/schedule';
import { groupSession } from '../../db/schema';

/** Practice given at a session that took place and has started by `now` (Amsterdam time). */
export function givenBy(now: Date) {
	const { date, time } = local(now);
	return and(
		eq(groupSession.status, 'planned'),
		or(lt(groupSession.date, date), and(eq(groupSession.date, date), lte(groupSession.startTime, time)))
	);
}
