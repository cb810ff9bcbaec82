/**
 * The first-use tour: a few screens on a participant's first visit to the overview (skippable),
 * replayed from Help. Whether it was seen is kept per participant.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { tourSeen } from '../db/schema';
import { forgetOverview } from '../goals/overview-cache';
import { currentDb } from '../runtime';

export const TOUR_SCREENS = 4;

export async function hasSeenTour(db: Db, personId: string): Promise<boolean> {
	const [row] = await db
		.select({ at: tourSeen.seenAt })
		.from(tourSeen)
		.where(eq(tourSeen.personId, personId));
	return Boolean(row);
}

/** Marks the tour as seen (finished or skipped). */
export async function markTourSeen(actor: Actor, db: Db = currentDb()): Promise<void> {
	if (actor.role !== 'participant') return;
	await db.insert(tourSeen).values({ personId: actor.personId }).onConflictDoNothing();
	forgetOverview(actor.personId);
}
