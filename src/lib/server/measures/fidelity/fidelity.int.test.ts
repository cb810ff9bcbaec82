/**
 * The fidelity self-assessment against a real database: the evidence figures from seeded rows (only
 * the group's current participants and the period's held sessions count), who may read and write
 * (the group's trainers and the organisation's coordinator; another group's trainer, a participant and
 * another organisation's coordinator get NotFound and a logged refusal), proposals taken over, who
 * changed what last, finalising and reopening, and the access-log rows as group events.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIDELITY_ITEMS } from '$lib/domain/fidelity';
import type { Actor } from '$lib/domain/policy';
import {
	buildCheckIn,
	buildCurriculum,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson,
	buildSession
} from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import {
	auditEvent,
	fidelityItemScore,
	groupMember,
	homePractice,
	homePracticeAnswer,
	recoveryGoal,
	significantOtherLink
} from '../../db/schema';
import { Conflict, Invalid, NotFound } from '../../errors';
import { reopenAssessment, saveAssessment, startAssessment } from './commands';
import { fidelityEvidence } from './evidence';
import { fidelityAssessmentOf, fidelityHistory } from './queries';
import type { SaveInput } from './schema';

let db: Db;
let trainer: Actor;
let coordinator: Actor;
let anna: Actor;
let otherTrainer: Actor;
let strangerCoordinator: Actor;
let strangerTrainer: Actor;
let group: { id: string };
let otherGroup: { id: string };
let strangerGroup: { id: string };
const period = { periodStart: '2026-09-01', periodEnd: '2026-09-30' };

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator', name: 'Carla' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	const bram = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	const chris = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	const dewi = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	const eva = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	const sister = await buildPerson(db, { organisationId: org.id, role: 'significant_other' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	group = await buildGroup(db, {
		organisationId: org.id,
		trainers: [trainer],
		participants: [anna, bram, chris, dewi, eva]
	});
	otherGroup = await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer] });
	// Eva left the group: nothing of hers counts any more.
	await db
		.update(groupMember)
		.set({ leftAt: new Date('2026-10-01T10:00:00Z') })
		.where(and(eq(groupMember.groupId, group.id), eq(groupMember.personId, eva.personId)));
	const stranger = await buildOrganisation(db);
	strangerCoordinator = await buildPerson(db, { organisationId: stranger.id, role: 'coordinator' });
	strangerTrainer = await buildPerson(db, { organisationId: stranger.id, role: 'trainer' });
	strangerGroup = await buildGroup(db, { organisationId: stranger.id, trainers: [strangerTrainer] });

	// The calendar: four held sessions in September, one cancelled, one after the period.
	const first = await buildSession(db, { groupId: group.id, date: '2026-09-01', moduleNumber: 1 });
	const second = await buildSession(db, { groupId: group.id, date: '2026-09-08', moduleNumber: 2 });
	await buildSession(db, { groupId: group.id, date: '2026-09-15' });
	await buildSession(db, { groupId: group.id, date: '2026-09-22', cancelReason: 'Studiedag' });
	await buildSession(db, { groupId: group.id, date: '2026-09-29', moduleNumber: 4 });
	const later = await buildSession(db, { groupId: group.id, date: '2026-10-06' });
	await buildSession(db, { groupId: otherGroup.id, date: '2026-09-02', moduleNumber: 9 });
	await buildCurriculum(db, { organisationId: org.id, modules: 11, stepsPerModule: 1, groups: [group.id] });

	// Goals: Anna and Bram have an active one, Chris stopped his, Eva's does not count.
	await buildGoal(db, { participant: anna });
	await buildGoal(db, { participant: bram });
	const stopped = await buildGoal(db, { participant: chris });
	await db.update(recoveryGoal).set({ status: 'stopped' }).where(eq(recoveryGoal.id, stopped.goalId));
	await buildGoal(db, { participant: eva });

	// Naasten: Anna shares her plan with her sister; Bram's link ended; Eva's does not count.
	const link = (participant: Actor, endedAt: Date | null) => ({
		participantId: participant.personId,
		significantOtherId: sister.personId,
		description: 'zus',
		invitedBy: 'card' as const,
		endedAt
	});
	await db
		.insert(significantOtherLink)
		.values([link(anna, null), link(bram, new Date('2026-09-20T10:00:00Z')), link(eva, null)]);

	// Check-ins: three in the period from current participants.
	for (const [who, week] of [
		[anna, '2026-09-01'],
		[anna, '2026-09-08'],
		[bram, '2026-09-01'],
		[eva, '2026-09-01'],
		[anna, '2026-10-06']
	] as const)
		await buildCheckIn(db, { participant: who, groupId: group.id, weekStart: week });

	// Home practice at two held sessions (and one later); three answers from current participants.
	const practice = async (sessionId: string) => {
		const [row] = await db
			.insert(homePractice)
			.values({ groupId: group.id, sessionId, text: { nl: 'Oefen thuis', en: 'Practise at home' } })
			.returning({ id: homePractice.id });
		return row!.id;
	};
	const atFirst = await practice(first.id);
	const atSecond = await practice(second.id);
	const atLater = await practice(later.id);
	await db.insert(homePracticeAnswer).values(
		[
			[atFirst, anna],
			[atFirst, bram],
			[atFirst, eva],
			[atSecond, anna],
			[atLater, anna]
		].map(([practiceId, who]) => ({
			practiceId: practiceId as string,
			personId: (who as Actor).personId,
			answer: 'Gedaan'
		}))
	);
});

/** A save of every item as "not scored" without a note, with the given items changed. */
function save(changes: Partial<Record<string, Partial<SaveInput['items'][number]>>> = {}, finalise = false) {
	return {
		finalise,
		items: FIDELITY_ITEMS.map((item) => ({ item, choice: null, note: '', ...changes[item] }))
	} as SaveInput;
}

const rowsOf = (actor: Actor) =>
	db
		.select({
			eventType: auditEvent.eventType,
			action: auditEvent.action,
			outcome: auditEvent.outcome,
			participantId: auditEvent.participantId,
			objectType: auditEvent.objectType,
			objectId: auditEvent.objectId,
			organisationId: auditEvent.organisationId
		})
		.from(auditEvent)
		.where(eq(auditEvent.actorPersonId, actor.personId))
		.orderBy(auditEvent.id);

describe('the evidence', () => {
	it("counts the group's current participants and the period's held sessions, one query per kind", async () => {
		expect(
			await fidelityEvidence(db, group.id, { start: '2026-09-01', end: '2026-09-30', today: '2026-12-03' })
		).toEqual({
			activeMembers: 4,
			membersWithGoal: 2,
			membersWithSignificantOther: 1,
			calendar: { planned: 5, cancelled: 1, weeks: 6 },
			heldSessions: 4,
			checkIns: 3,
			modules: { covered: 3, total: 11 },
			homePractice: { given: 2, answers: 3 }
		});
	});

	it('counts only what has happened by today', async () => {
		const early = await fidelityEvidence(db, group.id, {
			start: '2026-09-01',
			end: '2026-09-30',
			today: '2026-09-08'
		});
		expect([early.heldSessions, early.checkIns, early.homePractice]).toEqual([
			2,
			3,
			{ given: 2, answers: 3 }
		]);
		const before = await fidelityEvidence(db, group.id, {
			start: '2026-09-01',
			end: '2026-09-30',
			today: '2026-08-01'
		});
		expect([before.heldSessions, before.checkIns, before.homePractice]).toEqual([
			0,
			0,
			{ given: 0, answers: 0 }
		]);
	});

	it('is empty for a group without anything, and counts 11 modules without a course', async () => {
		expect(
			await fidelityEvidence(db, strangerGroup.id, {
				start: '2026-09-01',
				end: '2026-09-30',
				today: '2026-12-03'
			})
		).toEqual({
			activeMembers: 0,
			membersWithGoal: 0,
			membersWithSignificantOther: 0,
			calendar: { planned: 0, cancelled: 0, weeks: 0 },
			heldSessions: 0,
			checkIns: 0,
			modules: { covered: 0, total: 11 },
			homePractice: { given: 0, answers: 0 }
		});
	});
});

describe('an assessment', () => {
	let assessmentId: string;

	it('is started by a trainer of the group and appears in its history with proposals', async () => {
		assessmentId = await startAssessment(db, trainer, group.id, period);
		const history = await fidelityHistory(db, trainer, group.id);
		expect(history.assessments.map((one) => [one.id, one.status, one.total])).toEqual([
			[assessmentId, 'draft', null]
		]);
		const read = await fidelityAssessmentOf(db, trainer, group.id, assessmentId);
		const proposal = (item: string) => read.items.find((one) => one.item === item)?.proposal;
		expect(proposal('group_size')).toEqual({ score: 4, reason: { kind: 'group_size', members: 4 } });
		expect(proposal('goal_setting')?.score).toBe(3);
		expect(proposal('significant_others')?.score).toBe(3);
		expect(proposal('handouts')).toBeNull();
		expect(read.total).toBeNull();
	});

	it('refuses a second assessment of the same period', async () => {
		await expect(startAssessment(db, trainer, group.id, period)).rejects.toEqual(
			new Invalid('tot', 'fidelity_period_taken')
		);
	});

	it('takes a proposal over as the evidence gives it, and keeps who changed each item last', async () => {
		const first = await saveAssessment(
			db,
			trainer,
			group.id,
			assessmentId,
			save({
				group_size: { choice: 'proposal' },
				handouts: { choice: 2, note: 'Nog geen werkboek op papier' }
			})
		);
		expect(first.changed).toBe(2);
		// The same form again changes nothing.
		expect(
			(
				await saveAssessment(
					db,
					trainer,
					group.id,
					assessmentId,
					save({
						group_size: { choice: 'proposal' },
						handouts: { choice: 2, note: 'Nog geen werkboek op papier' }
					})
				)
			).changed
		).toBe(0);
		// The coordinator changes one note: only that item is hers.
		await saveAssessment(
			db,
			coordinator,
			group.id,
			assessmentId,
			save({ group_size: { choice: 'proposal' }, handouts: { choice: 2, note: 'Werkboek besteld' } })
		);
		const rows = await db
			.select()
			.from(fidelityItemScore)
			.where(eq(fidelityItemScore.assessmentId, assessmentId))
			.orderBy(fidelityItemScore.item);
		expect(
			rows.map((row) => [row.item, row.score, row.fromProposal, row.note, row.updatedByPersonId])
		).toEqual([
			['group_size', 4, true, '', trainer.personId],
			['handouts', 2, false, 'Werkboek besteld', coordinator.personId]
		]);
		const read = await fidelityAssessmentOf(db, coordinator, group.id, assessmentId);
		expect(read.total).toEqual({ mean: 3, scored: 2 });
		expect(read.items.find((one) => one.item === 'handouts')?.updatedBy).toBe('Carla');
	});

	it('is finalised, then locked until it is reopened', async () => {
		await saveAssessment(
			db,
			trainer,
			group.id,
			assessmentId,
			save({ group_size: { choice: 'proposal' }, handouts: { choice: 2, note: 'Werkboek besteld' } }, true)
		);
		const history = await fidelityHistory(db, coordinator, group.id);
		expect(history.assessments.map((one) => [one.status, one.total, one.updatedBy])).toEqual([
			['final', 3, 'Tamara']
		]);
		await expect(saveAssessment(db, trainer, group.id, assessmentId, save())).rejects.toEqual(
			new Conflict('fidelity_final')
		);
		expect(await reopenAssessment(db, coordinator, group.id, assessmentId)).toBe(true);
		expect(await reopenAssessment(db, coordinator, group.id, assessmentId)).toBe(false);
		expect((await fidelityAssessmentOf(db, trainer, group.id, assessmentId)).assessment.status).toBe('draft');
	});

	it('writes group events in the access log that name no participant', async () => {
		const rows = (await rowsOf(trainer)).filter((row) => row.eventType.startsWith('fidelity.'));
		expect(rows.map((row) => [row.eventType, row.action, row.objectType])).toEqual([
			['fidelity.create', 'C', 'fidelity_assessment'],
			['fidelity.read', 'R', 'group'],
			['fidelity.read', 'R', 'fidelity_assessment'],
			['fidelity.update', 'U', 'fidelity_assessment'],
			['fidelity.finalise', 'U', 'fidelity_assessment'],
			['fidelity.read', 'R', 'fidelity_assessment']
		]);
		expect(rows.every((row) => row.participantId === null && row.outcome === 'success')).toBe(true);
		const print = await fidelityAssessmentOf(db, coordinator, group.id, assessmentId, 'print');
		expect(print.items).toHaveLength(13);
		const last = (await rowsOf(coordinator)).at(-1);
		expect(last).toMatchObject({ eventType: 'fidelity.print', action: 'E', objectId: assessmentId });
	});

	it('is NotFound, with a logged refusal, for anyone but the trainers and the coordinator', async () => {
		for (const [who, actor] of [
			['another group trainer', otherTrainer],
			['a participant of the group', anna],
			["another organisation's coordinator", strangerCoordinator],
			["another organisation's trainer", strangerTrainer]
		] as const) {
			await expect(fidelityHistory(db, actor, group.id), who).rejects.toBeInstanceOf(NotFound);
			await expect(fidelityAssessmentOf(db, actor, group.id, assessmentId), who).rejects.toBeInstanceOf(
				NotFound
			);
			await expect(startAssessment(db, actor, group.id, period), who).rejects.toBeInstanceOf(NotFound);
			await expect(saveAssessment(db, actor, group.id, assessmentId, save()), who).rejects.toBeInstanceOf(
				NotFound
			);
			const refusals = (await rowsOf(actor)).filter((row) => row.outcome === 'failure');
			expect(
				refusals.map((row) => [row.eventType, row.action, row.objectType, row.objectId, row.participantId]),
				who
			).toEqual([
				['access.denied', 'R', 'group', group.id, null],
				['access.denied', 'R', 'fidelity_assessment', assessmentId, null],
				['access.denied', 'C', 'group', group.id, null],
				['access.denied', 'U', 'fidelity_assessment', assessmentId, null]
			]);
			expect(
				(await rowsOf(actor)).some((row) => row.eventType.startsWith('fidelity.')),
				who
			).toBe(false);
		}
	});

	it("is NotFound through another group's address", async () => {
		await expect(fidelityAssessmentOf(db, otherTrainer, otherGroup.id, assessmentId)).rejects.toBeInstanceOf(
			NotFound
		);
		await expect(fidelityAssessmentOf(db, coordinator, otherGroup.id, assessmentId)).rejects.toBeInstanceOf(
			NotFound
		);
		await expect(fidelityAssessmentOf(db, trainer, group.id, 'not-an-id')).rejects.toBeInstanceOf(NotFound);
	});
});
