import { describe, expect, it } from 'vitest';
import {
	canManageOwnSharing,
	canReadPlan,
	canEnter,
	canAssessFidelity,
	canSeeGroupUsage,
	usageCountsHidden,
	canKeepCalendar,
	canTakePartInGroup,
	canExportPseudonymised,
	canSeeStudies,
	canManageOrganisation,
	canSeeParticipantData,
	canTrainGroup,
	canUseGroupBoard,
	canWriteForParticipant,
	homePathOf,
	isStaffOf,
	roles,
	type Area,
	type ParticipantContext,
	type PlanContext,
	type Role
} from './policy';

const expected: Record<Role, Record<Area, boolean>> = {
	participant: {
		participant: true,
		trainer: false,
		admin: false,
		significant_other: false,
		research: false,
		account: true
	},
	trainer: {
		participant: false,
		trainer: true,
		admin: false,
		significant_other: false,
		research: false,
		account: true
	},
	coordinator: {
		participant: false,
		trainer: false,
		admin: true,
		significant_other: false,
		research: false,
		account: true
	},
	researcher: {
		participant: false,
		trainer: false,
		admin: false,
		significant_other: false,
		research: true,
		account: true
	},
	significant_other: {
		participant: false,
		trainer: false,
		admin: false,
		significant_other: true,
		research: false,
		account: true
	},
	platform_admin: {
		participant: false,
		trainer: false,
		admin: false,
		significant_other: false,
		research: false,
		account: true
	}
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
		expect(roles.map(homePathOf)).toEqual(['/', '/trainer', '/beheer', '/onderzoek', '/naaste', '/account']);
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
		['a trainer of another group, or of a group she left', as('trainer'), data(), false, false],
		[
			'a trainer of another organisation',
			as('trainer', 'x', 'org-2'),
			data({ actorTrainsParticipant: true }),
			false,
			false
		],
		[
			'a coordinator of her organisation (runs it, does not read her data)',
			as('coordinator'),
			data(),
			false,
			false
		],
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

	it('lets only the trainers of a group, in its organisation, work in it', () => {
		const group = (actorTrainsGroup: boolean) => ({ organisationId: org, actorTrainsGroup });
		expect(canTrainGroup(as('trainer'), group(true))).toBe(true);
		expect(canTrainGroup(as('trainer'), group(false))).toBe(false);
		expect(canTrainGroup(as('trainer', 'x', 'org-2'), group(true))).toBe(false);
		expect(canTrainGroup(as('coordinator'), group(true))).toBe(false);
		expect(canTrainGroup(as('participant'), group(true))).toBe(false);
	});

	it("lets only the group's own participants take part in its shared spaces", () => {
		const group = (actorIsMember: boolean) => ({ organisationId: org, actorIsMember });
		expect(canTakePartInGroup(as('participant'), group(true))).toBe(true);
		expect(canTakePartInGroup(as('participant'), group(false))).toBe(false);
		expect(canTakePartInGroup(as('participant', 'x', 'org-2'), group(true))).toBe(false);
		for (const role of roles.filter((role) => role !== 'participant'))
			expect(canTakePartInGroup(as(role), group(true)), role).toBe(false);
	});

	it("lets only the group's current participants and its trainers use its board", () => {
		const board = (actorInGroup: boolean, actorTrainsGroup: boolean) => ({
			organisationId: org,
			actorInGroup,
			actorTrainsGroup
		});
		const table: [string, ReturnType<typeof as>, ReturnType<typeof board>, boolean][] = [
			['a participant of the group', as('participant'), board(true, false), true],
			['a participant of another group', as('participant'), board(false, false), false],
			['a participant of another organisation', as('participant', 'x', 'org-2'), board(true, false), false],
			['a trainer of the group', as('trainer'), board(false, true), true],
			['a trainer of another group', as('trainer'), board(false, false), false],
			['a trainer of another organisation', as('trainer', 'x', 'org-2'), board(false, true), false],
			['a coordinator of the organisation', as('coordinator'), board(false, false), false],
			['a researcher', as('researcher'), board(true, true), false]
		];
		for (const [who, actor, context, allowed] of table)
			expect(canUseGroupBoard(actor, context), who).toBe(allowed);
	});

	it("lets the organisation's coordinators and the group's trainers keep its calendar", () => {
		const group = (actorTrainsGroup: boolean) => ({ organisationId: org, actorTrainsGroup });
		const table: [string, ReturnType<typeof as>, boolean, boolean][] = [
			['a trainer of the group', as('trainer'), true, true],
			['a trainer of another group', as('trainer'), false, false],
			['a trainer of another organisation', as('trainer', 'x', 'org-2'), true, false],
			['a coordinator of the organisation', as('coordinator'), false, true],
			['a coordinator of another organisation', as('coordinator', 'x', 'org-2'), false, false],
			['a participant', as('participant'), true, false],
			['a researcher', as('researcher'), false, false],
			['a significant other', as('significant_other'), false, false],
			['a platform admin', as('platform_admin', 'x', null), false, false]
		];
		for (const [who, actor, trains, allowed] of table)
			expect(canKeepCalendar(actor, group(trains)), who).toBe(allowed);
	});

	it("lets the group's trainers and the organisation's coordinators assess its fidelity", () => {
		const group = (actorTrainsGroup: boolean) => ({ organisationId: org, actorTrainsGroup });
		const table: [string, ReturnType<typeof as>, boolean, boolean][] = [
			['a trainer of the group', as('trainer'), true, true],
			['a trainer of another group', as('trainer'), false, false],
			['a trainer of another organisation', as('trainer', 'x', 'org-2'), true, false],
			['a coordinator of the organisation', as('coordinator'), false, true],
			['a coordinator of another organisation', as('coordinator', 'x', 'org-2'), false, false],
			['a participant of the group', as('participant'), true, false],
			['a researcher', as('researcher'), false, false],
			['a significant other', as('significant_other'), false, false],
			['a platform admin', as('platform_admin', 'x', null), false, false]
		];
		for (const [who, actor, trains, allowed] of table)
			expect(canAssessFidelity(actor, group(trains)), who).toBe(allowed);
	});

	it("shows a group's use figures to its trainers and its organisation's coordinators, small counts hidden but for trainers", () => {
		const group = (actorTrainsGroup: boolean) => ({ organisationId: org, actorTrainsGroup });
		expect(canSeeGroupUsage(as('trainer'), group(true))).toBe(true);
		expect(canSeeGroupUsage(as('trainer'), group(false))).toBe(false);
		expect(canSeeGroupUsage(as('coordinator'), group(false))).toBe(true);
		expect(canSeeGroupUsage(as('coordinator', 'x', 'org-2'), group(false))).toBe(false);
		expect(canSeeGroupUsage(as('participant'), group(true))).toBe(false);
		expect(canSeeGroupUsage(as('researcher'), group(false))).toBe(false);
		expect(usageCountsHidden(as('trainer'))).toBe(false);
		expect(usageCountsHidden(as('coordinator'))).toBe(true);
	});

	it('lets coordinators run their own organisation; staff see its names', () => {
		for (const role of roles) {
			expect(canManageOrganisation(as(role), org), role).toBe(role === 'coordinator');
			expect(isStaffOf(as(role), org), role).toBe(role === 'coordinator' || role === 'trainer');
			expect(canManageOrganisation(as(role, 'x', 'org-2'), org), role).toBe(false);
			expect(isStaffOf(as(role, 'x', 'org-2'), org), role).toBe(false);
		}
	});

	it('lets only researchers of the organisation export pseudonymised data', () => {
		expect(canExportPseudonymised(as('researcher'), org)).toBe(true);
		expect(canExportPseudonymised(as('researcher', 'x', 'org-2'), org)).toBe(false);
		expect(canExportPseudonymised(as('coordinator'), org)).toBe(false);
	});

	it('shows the studies to the coordinator and researchers of the organisation only', () => {
		for (const role of roles) {
			expect(canSeeStudies(as(role), org), role).toBe(role === 'coordinator' || role === 'researcher');
			expect(canSeeStudies(as(role, 'x', 'org-2'), org), role).toBe(false);
		}
	});
});

describe('canReadPlan and canManageOwnSharing', () => {
	const org = 'org-1';
	const plan = (over: Partial<PlanContext> = {}): PlanContext => ({
		participantId: 'anna',
		organisationId: org,
		actorTrainsParticipant: false,
		sharedWithActor: false,
		sharedWithCareTeam: false,
		...over
	});
	const as = (role: Role, personId = 'someone', organisationId: string | null = org) => ({
		role,
		personId,
		organisationId
	});
	const table: [string, ReturnType<typeof as>, PlanContext, boolean][] = [
		['the participant', as('participant', 'anna'), plan(), true],
		['another participant', as('participant', 'bram'), plan({ sharedWithCareTeam: true }), false],
		[
			'her trainer, plan not shared with the care team',
			as('trainer'),
			plan({ actorTrainsParticipant: true }),
			false
		],
		[
			'her trainer, plan shared with the care team',
			as('trainer'),
			plan({ actorTrainsParticipant: true, sharedWithCareTeam: true }),
			true
		],
		['a trainer of another group, shared', as('trainer'), plan({ sharedWithCareTeam: true }), false],
		[
			'a trainer of another organisation',
			as('trainer', 'x', 'org-2'),
			plan({ actorTrainsParticipant: true, sharedWithCareTeam: true }),
			false
		],
		['a coordinator, even when shared', as('coordinator'), plan({ sharedWithCareTeam: true }), false],
		['a significant other she shares with', as('significant_other'), plan({ sharedWithActor: true }), true],
		['a significant other she stopped sharing with', as('significant_other'), plan(), false],
		[
			'a significant other of another organisation',
			as('significant_other', 'x', 'org-2'),
			plan({ sharedWithActor: true }),
			false
		],
		['a researcher', as('researcher'), plan({ sharedWithActor: true, sharedWithCareTeam: true }), false]
	];
	for (const [who, actor, context, allowed] of table)
		it(`${who}: ${allowed ? 'may' : 'may not'} read the plan`, () => {
			expect(canReadPlan(actor, context)).toBe(allowed);
		});

	it('lets only the participant decide what is shared', () => {
		for (const role of roles)
			expect(canManageOwnSharing(as(role, 'anna'), 'anna'), role).toBe(role === 'participant');
		expect(canManageOwnSharing(as('participant', 'bram'), 'anna')).toBe(false);
	});
});
