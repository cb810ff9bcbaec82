import { describe, expect, it } from 'vitest';
import { hasWaitingDrafts, keepUntilDatabaseReturns, waitingCharacters } from './waiting-drafts';

describe('forms kept while the database is away', () => {
	it('keeps a form per session and page, and refuses one too large to hold in memory', () => {
		expect(hasWaitingDrafts()).toBe(false);
		expect(keepUntilDatabaseReturns('session-a', '/berichten', { bericht: 'hallo' })).toBe(true);
		expect(hasWaitingDrafts()).toBe(true);
		const huge = { bericht: 'x'.repeat(9 * 1024 * 1024) };
		expect(keepUntilDatabaseReturns('session-b', '/berichten', huge)).toBe(false);
	});

	it('drops the oldest forms when an outage brings more than it may hold', () => {
		const big = { bericht: 'y'.repeat(3 * 1024 * 1024) };
		for (const session of ['s1', 's2', 's3', 's4']) {
			expect(keepUntilDatabaseReturns(session, '/berichten', big)).toBe(true);
			expect(waitingCharacters()).toBeLessThanOrEqual(8 * 1024 * 1024);
		}
		// The same page of the same session replaces its earlier form instead of adding one.
		const before = waitingCharacters();
		expect(keepUntilDatabaseReturns('s4', '/berichten', big)).toBe(true);
		expect(waitingCharacters()).toBe(before);
	});
});
