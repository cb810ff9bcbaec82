/**
 * Whether a group runs live mode now, for the banner on every participant page ("De groep is bezig").
 * Kept per instance for a few seconds and dropped at once when the group's live state changes
 * (the hub hears every live event), so the banner costs no query on most page views.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { participantGroup } from '../groups/queries';
import { liveRound } from '../db/schema';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const known = new Map<string, { live: boolean; at: number }>();

/** Forgets what is known of a group (a live event was heard) or of every group (null). */
export function forgetLiveStatus(groupId: string | null): void {
	if (groupId === null) known.clear();
	else known.delete(groupId);
}

export async function groupIsLive(db: Db, groupId: string, now = Date.now()): Promise<boolean> {
	const entry = known.get(groupId);
	if (entry && now - entry.at < TTL_MS) return entry.live;
	const [round] = await db
		.select({ id: liveRound.id })
		.from(liveRound)
		.where(and(eq(liveRound.groupId, groupId), isNull(liveRound.endedAt)));
	if (known.size >= MAX_ENTRIES) known.clear();
	known.set(groupId, { live: !!round, at: now });
	return !!round;
}

/** Whether the participant's group runs live mode now (cached: no query on most page views). */
export async function liveBanner(db: Db, actor: Actor): Promise<boolean> {
	const found = await participantGroup(db, actor);
	return found ? groupIsLive(db, found.group.id) : false;
}
