/**
 * The first-use tour: a few screens on a participant's first visit to the overview (skippable),
 * replayed from Help; whether they have seen it. Marking it seen is in ./commands.ts.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { tourSeen } from '../../db/schema';

export const TOUR_SCREENS = 4;

export async function hasSeenTour(db: Db, personId: string): Promise<boolean> {
	const [row] = await db
		.select({ at: tourSeen.seenAt })
		.from(tourSeen)
		.where(eq(tourSeen.personId, personId));
	return Boolean(row);
}
