import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles } from './policy';
import {
	isSessionLive,
	isStaff,
	limitsFor,
	needsSecondFactor,
	needsTouch,
	sessionEndsAt
} from './session-policy';

const minute = 60_000;
const times = {
	staff: { idleMs: 30 * minute, absoluteMs: 12 * 60 * minute },
	participant: { idleMs: 12 * 60 * minute, absoluteMs: 14 * 24 * 60 * minute }
};

describe('session policy', () => {
	it('treats trainers, coordinators, researchers and admins as staff, not participants or significant others', () => {
		expect(roles.filter(isStaff)).toEqual(['trainer', 'coordinator', 'researcher', 'platform_admin']);
		expect(limitsFor('trainer', times).idleMs).toBe(30 * minute);
		expect(limitsFor('participant', times).idleMs).toBe(12 * 60 * minute);
		expect(limitsFor('significant_other', times)).toBe(times.participant);
	});

	it('asks a second factor of staff only', () => {
		const table = Object.fromEntries(roles.map((role) => [role, needsSecondFactor(role)]));
		expect(table).toEqual({
			participant: false,
			trainer: true,
			coordinator: true,
			researcher: true,
			significant_other: false,
			platform_admin: true
		});
	});

	it('ends a staff session after 30 idle minutes and never after the absolute limit', () => {
		const signedIn = new Date('2026-11-23T09:00:00Z');
		const session = { lastSeenAt: signedIn, expiresAt: new Date(signedIn.getTime() + 12 * 60 * minute) };
		expect(isSessionLive(session, times.staff, new Date(signedIn.getTime() + 29 * minute))).toBe(true);
		expect(isSessionLive(session, times.staff, new Date(signedIn.getTime() + 30 * minute))).toBe(false);
		const active = { ...session, lastSeenAt: new Date(session.expiresAt.getTime() - minute) };
		expect(sessionEndsAt(active, times.staff)).toEqual(session.expiresAt);
	});

	it('never lets a session outlive either limit', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10 ** 12 }),
				fc.integer({ min: 0, max: 10 ** 9 }),
				fc.integer({ min: 1, max: 10 ** 9 }),
				fc.integer({ min: 0, max: 2 * 10 ** 9 }),
				(seen, untilExpiry, idleMs, after) => {
					const session = { lastSeenAt: new Date(seen), expiresAt: new Date(seen + untilExpiry) };
					const now = new Date(seen + after);
					const live = isSessionLive(session, { idleMs }, now);
					return live === (after < idleMs && after < untilExpiry);
				}
			)
		);
	});

	it('refreshes the last-seen time at most once a minute', () => {
		const seen = new Date('2026-11-23T09:00:00Z');
		expect(needsTouch(seen, new Date(seen.getTime() + 59_999))).toBe(false);
		expect(needsTouch(seen, new Date(seen.getTime() + minute))).toBe(true);
	});
});
