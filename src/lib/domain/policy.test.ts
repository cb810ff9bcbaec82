import { describe, expect, it } from 'vitest';
import { canEnter, homePathOf, roles, type Area, type Role } from './policy';

const expected: Record<Role, Record<Area, boolean>> = {
	participant: { participant: true, trainer: false, admin: false, account: true },
	trainer: { participant: false, trainer: true, admin: false, account: true },
	coordinator: { participant: false, trainer: false, admin: true, account: true },
	researcher: { participant: false, trainer: false, admin: false, account: true },
	significant_other: { participant: false, trainer: false, admin: false, account: true },
	platform_admin: { participant: false, trainer: false, admin: false, account: true }
};

describe('canEnter', () => {
	for (const role of roles) {
		for (const [area, allowed] of Object.entries(expected[role])) {
			it(`${role} ${allowed ? 'may' : 'may not'} enter ${area}`, () => {
				expect(canEnter({ role }, area as Area)).toBe(allowed);
			});
		}
	}
});

describe('homePathOf', () => {
	it('sends each role to its own area', () => {
		expect(roles.map(homePathOf)).toEqual(['/', '/trainer', '/beheer', '/account', '/account', '/account']);
	});
});
