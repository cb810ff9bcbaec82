import { describe, expect, it } from 'vitest';
import {
	canEnter,
	canExportPseudonymised,
	canSeeParticipantData,
	canWriteForParticipant,
	homePathOf,
	roles,
	type Area,
	type ParticipantContext,
	type Role
} from './policy';

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

describe('canSeeParticipantData and canWriteForParticipant', () => {
	const org = 'org-1';
	const data = (over: Partial<ParticipantContext> = {}): ParticipantContext => ({
		participantId: 'anna',
		organisationId: org,
		actorTrainsParticipant: false,
		sharedWithActor: false,
		...over
	});
	const as = (role: Role, personId = 'someone', organisationId: string | null = org) => ({
		role,
		personId,
		organisationId
	});

	const table: [string, ReturnType<typeof as>, ParticipantContext, boolean, boolean][] = [
		['the participant, own data', as('participant', 'anna'), data(), true, true],
		['another participant', as('participant', 'bram'), data(), false, false],
		['a trainer of her group', as('trainer'), data({ actorTrainsParticipant: true }), true, true],
		['a trainer of another group', as('trainer'), data(), false, false],
		[
			'a trainer of another organisation',
			as('trainer', 'x', 'org-2'),
			data({ actorTrainsParticipant: true }),
			false,
			false
		],
		['a coordinator of her organisation', as('coordinator'), data(), true, false],
		['a coordinator of another organisation', as('coordinator', 'x', 'org-2'), data(), false, false],
		[
			'a significant other she shared with',
			as('significant_other'),
			data({ sharedWithActor: true }),
			true,
			false
		],
		['a significant other she did not share with', as('significant_other'), data(), false, false],
		[
			'a researcher (pseudonymised exports only)',
			as('researcher'),
			data({ sharedWithActor: true }),
			false,
			false
		],
		['a platform admin', as('platform_admin', 'x', null), data(), false, false]
	];
	for (const [who, actor, context, read, write] of table) {
		it(`${who}: ${read ? 'may' : 'may not'} read, ${write ? 'may' : 'may not'} write`, () => {
			expect(canSeeParticipantData(actor, context)).toBe(read);
			expect(canWriteForParticipant(actor, context)).toBe(write);
		});
	}

	it('lets only researchers of the organisation export pseudonymised data', () => {
		expect(canExportPseudonymised(as('researcher'), org)).toBe(true);
		expect(canExportPseudonymised(as('researcher', 'x', 'org-2'), org)).toBe(false);
		expect(canExportPseudonymised(as('coordinator'), org)).toBe(false);
	});
});
