/**
 * The first-use tour: a few screens on a participant's first visit to the overview (skippable),
 * replayed from Help. Whether it was seen is kept per participant.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { tourSeen } from '../db/schema';
import { isParticipant } from '../access';
import { forgetOverview } from '../goals/overview-cache';

export const TOUR_SCREENS = 4;

export async function hasSeenTour(db: Db, personId: string): Promise<boolean> {
	const [row] = await db
		.select({ at: tourSeen.seenAt })
		.from(tourSeen)
		.where(eq(tourSeen.personId, personId));
	return Boolean(row);
}

/** Marks the participant's own tour as seen (finished or skipped); nothing for anyone else. */
export async function markTourSeen(db: Db, actor: Actor): Promise<void> {
	if (!isParticipant(actor)) return;
	await db.insert(tourSeen).values({ personId: actor.personId }).onConflictDoNothing();
	// The database tells every instance too (tour_seen → NOTIFY), but the redirect to the overview
	// that follows at once must not find it still sending the participant to the tour.
	forgetOverview(actor.personId);
}
