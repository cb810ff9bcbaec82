/** The first-use tour marked seen (finished or skipped), kept per participant. */
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../../db/client';
import { tourSeen } from '../../db/schema';
import { isParticipant } from '../../access';
import { forgetOverview } from '../../goals/overview-cache';

/** Marks the participant's own tour as seen (finished or skipped); nothing for anyone else. */
export async function markTourSeen(db: Db, actor: Actor): Promise<void> {
	if (!isParticipant(actor)) return;
	await db.insert(tourSeen).values({ personId: actor.personId }).onConflictDoNothing();
	// The database tells every instance too (tour_seen → NOTIFY), but the redirect to the overview
	// that follows at once must not find it still sending the participant to the tour.
	forgetOverview(actor.personId);
}
