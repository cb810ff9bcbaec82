/**
 * The use figures against a real database (issue 20, items 6 and 7): counts per component from the
 * rows the product keeps and from usage events, the funnel, module completion, the trend; small
 * counts hidden from coordinators but not from the group's trainers; a trainer sees only their own
 * groups, another organisation is refused (logged); the CSV download is logged; a visit is one row
 * per person and week; the "why not?" question is asked once per component, its answer logged.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { weekOf } from '$lib/domain/usage';
import {
	buildCheckIn,
	buildCurriculum,
	buildGroup,
	buildOrganisation,
	buildPerson
} from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, groupMember, stepProgress, usageEvent, whyNotAnswer } from '../db/schema';
import { Forbidden, NotFound } from '../errors';
import { usageCsv, readerLabels } from './csv';
import { forgetVisits, noteUsage, noteVisit } from './events';
import { groupUsage, organisationUsage, usageForExport } from './queries';
import { answerWhyNot, whyNotQuestion } from './why-not';

let db: Db;
let coordinator: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let strangerCoordinator: Actor;
let big: Actor[];
let small: Actor[];
let bigGroup: string;
let smallGroup: string;
const now = new Date();

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	big = [];
	for (let i = 0; i < 6; i++)
		big.push(await buildPerson(db, { organisationId: org.id, role: 'participant' }));
	small = [];
	for (let i = 0; i < 2; i++)
		small.push(await buildPerson(db, { organisationId: org.id, role: 'participant' }));
	bigGroup = (await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: big })).id;
	smallGroup = (
		await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer], participants: small })
	).id;
	const curriculum = await buildCurriculum(db, {
		organisationId: org.id,
		modules: 2,
		stepsPerModule: 2,
		groups: [bigGroup, smallGroup]
	});
	const stranger = await buildOrganisation(db);
	strangerCoordinator = await buildPerson(db, { organisationId: stranger.id, role: 'coordinator' });

	const week = weekOf(now);
	for (const participant of [...big, ...small]) {
		await buildCheckIn(db, {
			participant,
			groupId: big.includes(participant) ? bigGroup : smallGroup,
			weekStart: week
		});
		await noteVisit(db, participant, now);
	}
	// Module 1: all six of the big group open it, five finish both steps.
	const [first, second] = curriculum.modules[0]!.stepKeys;
	for (const [index, participant] of big.entries())
		await db.insert(stepProgress).values([
			{ personId: participant.personId, moduleNumber: 1, stepKey: first!, doneAt: index < 5 ? now : null },
			{ personId: participant.personId, moduleNumber: 1, stepKey: second!, doneAt: index < 5 ? now : null }
		]);
	// Two videos started by one person: a count that could point at them.
	await noteUsage(db, big[0]!, 'video_started', now);
	await noteUsage(db, big[0]!, 'video_started', now);
}, 120_000);

const component = (
	figures: { components: { component: string; people: unknown; uses: unknown }[] },
	key: string
) => figures.components.find((row) => row.component === key);

describe('use figures', () => {
	it("shows a group's trainer the counts as they are", async () => {
		const { figures } = await groupUsage(db, trainer, bigGroup, now);
		expect(figures.hideSmallCounts).toBe(false);
		expect(figures.funnel).toEqual({ invited: 6, everSignedIn: 6, activeThisWeek: 6 });
		expect(component(figures, 'check_ins')).toMatchObject({ people: 6, uses: 6 });
		expect(component(figures, 'videos_started')).toMatchObject({ people: 1, uses: 2 });
		expect(component(figures, 'steps_done')).toMatchObject({ people: 5, uses: 10 });
		expect(figures.modules).toEqual([{ number: 1, opened: 6, finished: 5 }]);
		expect(figures.trend).toHaveLength(12);
		expect(figures.trend.at(-1)).toMatchObject({ week: weekOf(now), active: 6, stepsSeen: 12 });
	});

	it('hides counts of 1 to 4 from the coordinator, also in a group of their organisation', async () => {
		const { figures, groups } = await organisationUsage(db, coordinator, 0, now);
		expect(figures.funnel).toEqual({ invited: 8, everSignedIn: 8, activeThisWeek: 8 });
		expect(component(figures, 'check_ins')).toMatchObject({ people: 8, uses: 8 });
		expect(component(figures, 'videos_started')).toMatchObject({ people: null, uses: null });
		expect(component(figures, 'messages')).toMatchObject({ people: 0, uses: 0 });
		const smallRow = groups.rows.find((row) => row.id === smallGroup);
		expect(smallRow).toMatchObject({ invited: null, everSignedIn: null, activeThisWeek: null });
		const group = await groupUsage(db, coordinator, smallGroup, now);
		expect(group.figures.hideSmallCounts).toBe(true);
		expect(group.figures.funnel.invited).toBeNull();
		expect(component(group.figures, 'check_ins')).toMatchObject({ people: null, uses: null });
	});

	it("refuses a trainer another trainer's group and another organisation's coordinator, logged", async () => {
		await expect(groupUsage(db, trainer, smallGroup)).rejects.toBeInstanceOf(NotFound);
		await expect(groupUsage(db, strangerCoordinator, bigGroup)).rejects.toBeInstanceOf(NotFound);
		await expect(groupUsage(db, trainer, 'not-a-uuid')).rejects.toBeInstanceOf(NotFound);
		await expect(organisationUsage(db, trainer, 0)).rejects.toBeInstanceOf(Forbidden);
		await expect(organisationUsage(db, big[0]!, 0)).rejects.toBeInstanceOf(Forbidden);
		const refusals = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'access.denied'), eq(auditEvent.objectId, bigGroup)));
		expect(refusals.map((row) => row.actorPersonId)).toContain(strangerCoordinator.personId);
	});

	it('logs the CSV download and writes hidden counts as <5, formula-escaped', async () => {
		const { figures } = await usageForExport(db, coordinator, null, now);
		const csv = usageCsv(figures, readerLabels);
		expect(csv.split('\r\n')[0]).toBe('section,key,label,measure,value');
		expect(csv).toContain('component,videos_started,');
		expect(csv).toMatch(/component,videos_started,[^,]+,uses,<5/);
		const rows = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.eventType, 'usage.export'), eq(auditEvent.actorPersonId, coordinator.personId))
			);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.action).toBe('E');
		const escaped = usageCsv(figures, () => '=HYPERLINK("x")');
		expect(escaped).toContain(`"'=HYPERLINK(""x"")"`);
	});

	it('counts a visit once per person and week, and the first visit once', async () => {
		forgetVisits();
		await noteVisit(db, big[1]!, now);
		await noteVisit(db, big[1]!, now);
		const rows = await db
			.select({ kind: usageEvent.kind, count: sql<number>`count(*)::int` })
			.from(usageEvent)
			.where(eq(usageEvent.personId, big[1]!.personId))
			.groupBy(usageEvent.kind);
		expect(Object.fromEntries(rows.map((row) => [row.kind, row.count]))).toEqual({
			first_visit: 1,
			visit: 1
		});
		// Staff are not counted.
		await noteVisit(db, trainer, now);
		const staff = await db.select().from(usageEvent).where(eq(usageEvent.personId, trainer.personId));
		expect(staff).toHaveLength(0);
	});
});

describe('why not?', () => {
	it('asks once per component, keeps the first answer, and logs it', async () => {
		const participant = small[0]!;
		const later = new Date(now.getTime() + 30 * 86_400_000);
		// In the group for a month, no module opened: the modules are asked about (no goal, so no check-in).
		await db
			.update(groupMember)
			.set({ joinedAt: new Date(now.getTime() - 10 * 86_400_000) })
			.where(eq(groupMember.personId, participant.personId));
		expect(await whyNotQuestion(db, participant, smallGroup, now)).toBeNull();
		expect(await whyNotQuestion(db, participant, smallGroup, later)).toBe('modules');
		expect(await answerWhyNot(db, participant, { component: 'modules', answer: 'too_hard' })).toBe(true);
		expect(await answerWhyNot(db, participant, { component: 'modules', answer: 'not_now' })).toBe(false);
		expect(await whyNotQuestion(db, participant, smallGroup, later)).toBeNull();
		const answers = await db
			.select()
			.from(whyNotAnswer)
			.where(eq(whyNotAnswer.personId, participant.personId));
		expect(answers.map((row) => row.answer)).toEqual(['too_hard']);
		const logged = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.eventType, 'why_not.answer'), eq(auditEvent.participantId, participant.personId))
			);
		expect(logged).toHaveLength(1);
		// The answers appear as counts: the trainer sees one, the coordinator too few to show.
		const mine = await groupUsage(db, otherTrainer, smallGroup, now);
		expect(mine.figures.whyNot).toEqual([{ component: 'modules', answer: 'too_hard', count: 1 }]);
		const theirs = await groupUsage(db, coordinator, smallGroup, now);
		expect(theirs.figures.whyNot).toEqual([{ component: 'modules', answer: 'too_hard', count: null }]);
	});

	it('refuses an answer from someone in no group', async () => {
		await expect(
			answerWhyNot(db, trainer, { component: 'modules', answer: 'no_device' })
		).rejects.toBeInstanceOf(NotFound);
	});
});
