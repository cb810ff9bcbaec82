/**
 * Forms sent while the database was away (issue 24, item 8): the session behind the cookie cannot
 * be checked, so the text waits here, in this process's memory, under the session token's hash
 * and the page. When the same session is seen again with the database back, it becomes an
 * ordinary kept draft (drafts.ts), which the page fills in again.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/client';
import { storeDraft } from './drafts';

interface Waiting {
	path: string;
	fields: Record<string, string>;
	size: number;
}

// Bounded: an outage with many posts must not grow the heap without end. The oldest go first.
const MAX_TOTAL_CHARACTERS = 8 * 1024 * 1024;
const waiting = new Map<string, Waiting[]>();
let total = 0;

function sizeOf(fields: Record<string, string>): number {
	let size = 0;
	for (const [name, value] of Object.entries(fields)) size += name.length + value.length;
	return size;
}

function drop(key: string, path?: string): void {
	const kept = waiting.get(key) ?? [];
	const left = kept.filter((draft) => path !== undefined && draft.path !== path);
	for (const draft of kept) if (!left.includes(draft)) total -= draft.size;
	if (left.length > 0) waiting.set(key, left);
	else waiting.delete(key);
}

/** Keeps a form's text for the session with this token hash; false when it is too large to keep. */
export function keepUntilDatabaseReturns(
	sessionKey: string,
	path: string,
	fields: Record<string, string>
): boolean {
	const size = sizeOf(fields);
	if (size > MAX_TOTAL_CHARACTERS) return false;
	drop(sessionKey, path);
	for (const oldest of waiting.keys()) {
		if (total + size <= MAX_TOTAL_CHARACTERS) break;
		drop(oldest);
	}
	waiting.set(sessionKey, [...(waiting.get(sessionKey) ?? []), { path, fields, size }]);
	total += size;
	return true;
}

/** Whether any form waits: the check on every request, so it costs nothing when none does. */
export function hasWaitingDrafts(): boolean {
	return waiting.size > 0;
}

/** How many characters the waiting forms hold (bounded; for tests and diagnostics). */
export function waitingCharacters(): number {
	return total;
}

/** Stores this session's waiting forms as kept drafts of `userId` (once the database answers). */
export async function storeWaitingDrafts(
	db: Db,
	cookies: Cookies,
	sessionKey: string,
	userId: string
): Promise<void> {
	const drafts = waiting.get(sessionKey);
	if (!drafts) return;
	for (const draft of drafts) {
		await storeDraft(db, cookies, userId, draft.path, draft.fields);
		drop(sessionKey, draft.path);
	}
}
