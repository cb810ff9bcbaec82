/** The test builders (tests/helpers/builders.ts) against real PostgreSQL: a new test is a few lines. */
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { ensureGroupCourse } from '../../src/lib/server/curriculum/course/group-course';
import type { Db } from '../../src/lib/server/db/client';
import {
	checkIn,
	curriculumStep,
	goalEvent,
	goalStep,
	groupModule,
	groupSession,
	recoveryGoal,
	sessionAttendance
} from '../../src/lib/server/db/schema';
import {
	buildCheckIn,
	buildCurriculum,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson,
	buildSession
} from '../helpers/builders';
import { createTestDatabase } from '../helpers/db';

let db: Db;
let organisationId: string;
let anna: Actor;
let trainer: Actor;
let groupId: string;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	organisationId = (await buildOrganisation(db)).id;
	anna = await buildPerson(db, { organisationId, role: 'participant', name: 'Anna' });
	trainer = await buildPerson(db, { organisationId, role: 'trainer' });
	groupId = (await buildGroup(db, { organisationId, trainers: [trainer], participants: [anna] })).id;
});

describe('builders', () => {
	it('buildGoal: a current goal with its history and a step; a newer one takes over as current', async () => {
		const first = await buildGoal(db, { participant: anna, text: 'Werk zoeken', targetWeek: '2026-09-08' });
		const second = await buildGoal(db, { participant: anna, step: null, createdBy: trainer });
		const goals = await db
			.select({ id: recoveryGoal.id, isCurrent: recoveryGoal.isCurrent, by: recoveryGoal.createdByPersonId })
			.from(recoveryGoal)
			.where(eq(recoveryGoal.personId, anna.personId));
		expect(goals).toEqual(
			expect.arrayContaining([
				{ id: first.goalId, isCurrent: false, by: anna.personId },
				{ id: second.goalId, isCurrent: true, by: trainer.personId }
			])
		);
		const [step] = await db.select().from(goalStep).where(eq(goalStep.id, first.stepId!));
		expect(step).toMatchObject({ goalId: first.goalId, status: 'open', targetWeek: '2026-09-08' });
		expect(second.stepId).toBeNull();
		const history = await db.select().from(goalEvent).where(eq(goalEvent.goalId, first.goalId));
		expect(history.map((row) => [row.kind, row.after])).toEqual([['created', 'Werk zoeken']]);
	});

	it('buildCheckIn: a sent check-in for a week, about a goal and its step', async () => {
		const goal = await buildGoal(db, { participant: anna });
		const { id } = await buildCheckIn(db, {
			participant: anna,
			groupId,
			weekStart: '2026-09-01',
			worked: 'a_bit',
			goalId: goal.goalId,
			stepId: goal.stepId
		});
		const [row] = await db.select().from(checkIn).where(eq(checkIn.id, id));
		expect(row).toMatchObject({
			personId: anna.personId,
			groupId,
			weekStart: '2026-09-01',
			worked: 'a_bit',
			closeness: 3,
			goalId: goal.goalId,
			stepId: goal.stepId
		});
	});

	it('buildSession: a planned session at the group start time, a held one with attendance, a cancelled one', async () => {
		const planned = await buildSession(db, { groupId, date: '2026-09-15' });
		const held = await buildSession(db, {
			groupId,
			date: '2026-09-08',
			moduleNumber: 1,
			attendance: [{ participant: anna, status: 'present', recordedBy: trainer }]
		});
		const cancelled = await buildSession(db, { groupId, date: '2026-09-22', cancelReason: 'Ziek' });
		const sessions = await db
			.select({ id: groupSession.id, status: groupSession.status, startTime: groupSession.startTime })
			.from(groupSession)
			.where(eq(groupSession.groupId, groupId))
			.orderBy(asc(groupSession.date));
		expect(sessions).toEqual([
			{ id: held.id, status: 'planned', startTime: '14:00:00' },
			{ id: planned.id, status: 'planned', startTime: '14:00:00' },
			{ id: cancelled.id, status: 'cancelled', startTime: '14:00:00' }
		]);
		const attendance = await db
			.select()
			.from(sessionAttendance)
			.where(eq(sessionAttendance.sessionId, held.id));
		expect(attendance).toMatchObject([
			{ personId: anna.personId, status: 'present', recordedByPersonId: trainer.personId }
		]);
	});

	it('buildCurriculum: modules with steps that a group follows, as the app would make it follow them', async () => {
		const curriculum = await buildCurriculum(db, { organisationId, modules: 3, groups: [groupId] });
		expect(curriculum.modules.map((module) => module.stepKeys)).toEqual([
			['1-stap-1', '1-stap-2'],
			['2-stap-1', '2-stap-2'],
			['3-stap-1', '3-stap-2']
		]);
		expect(await ensureGroupCourse(db, groupId, organisationId)).toBe(curriculum.versionId);
		const states = await db
			.select({ number: groupModule.moduleNumber, state: groupModule.state })
			.from(groupModule)
			.where(eq(groupModule.groupId, groupId))
			.orderBy(asc(groupModule.position));
		expect(states).toEqual([
			{ number: 1, state: 'open' },
			{ number: 2, state: 'coming' },
			{ number: 3, state: 'coming' }
		]);
		const steps = await db
			.select({ key: curriculumStep.key })
			.from(curriculumStep)
			.where(eq(curriculumStep.moduleId, curriculum.modules[0]!.id));
		expect(steps.map((step) => step.key).sort()).toEqual(['1-stap-1', '1-stap-2']);
		// A group that is not given follows the newest published version on first use: this one.
		const other = await buildGroup(db, { organisationId });
		expect(await ensureGroupCourse(db, other.id, organisationId)).toBe(curriculum.versionId);
		// A second curriculum of the organisation is its next version.
		const draft = await buildCurriculum(db, { organisationId, modules: 1, published: false });
		expect(draft.versionId).not.toBe(curriculum.versionId);
	});
});
