import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { Forbidden, NotFound } from '../../errors';
import { auditEvent, groupMember } from '../../db/schema';
import { importStarterCurricula } from '../../curriculum/import';
import { participantGroupCache } from '../../groups/queries';
import { organisationAttention, trainerAttention } from '../../guidance/attention/queries';
import { createGroup } from '../group-calendar/commands';
import { groupCalendar } from '../group-calendar/queries';
import { answerPractice, assignPractice, giveFeedback } from './commands';
import { currentPractice, practiceForTrainer, practiceSteps } from './queries';

let db: Db;
let coordinator: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let anna: Actor;
let bram: Actor;
let outsider: Actor;
let groupId: string;
let firstSession: string;
let secondSession: string;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tessa' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	outsider = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Olaf' });
	await importStarterCurricula(db, fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-practice-')));
	const created = await createGroup(db, coordinator, {
		name: 'Oefengroep',
		location: 'Zaal 3',
		weekday: 2,
		startTime: '14:00',
		startDate: '2026-09-01',
		endDate: null,
		trainerIds: [trainer.personId],
		skipPublicHolidays: true,
		daysOff: []
	});
	groupId = created?.ok ? created.id : '';
	await db.insert(groupMember).values([
		{ groupId, personId: anna.personId, joinedAt: new Date('2026-08-25T10:00:00Z') },
		{ groupId, personId: bram.personId, joinedAt: new Date('2026-08-25T10:00:00Z') }
	]);
	const sessions = (await groupCalendar(db, trainer, groupId))!.sessions;
	firstSession = sessions[0]!.id; // 1 September 2026
	secondSession = sessions[1]!.id; // 8 September 2026
	participantGroupCache.clear();
});

describe('giving home practice', () => {
	it('offers the practice steps of the group’s course to its trainer only', async () => {
		const steps = await practiceSteps(db, trainer, groupId, 'nl');
		expect(steps.length).toBeGreaterThan(3);
		expect(steps[0]).toMatchObject({ moduleNumber: 1, key: '04-vraag-naar-je-sterke-kanten' });
		await expect(practiceSteps(db, otherTrainer, groupId, 'nl')).rejects.toThrow(NotFound);
	});

	it('takes a module step in both languages, or the trainer’s own words', async () => {
		expect(
			await assignPractice(db, trainer, groupId, firstSession, {
				source: { kind: 'step', moduleNumber: 1, stepKey: 'no-such-step' },
				answerKind: 'text',
				choices: []
			})
		).toBe('step_unknown');
		expect(
			await assignPractice(db, trainer, groupId, firstSession, {
				source: { kind: 'step', moduleNumber: 1, stepKey: '04-vraag-naar-je-sterke-kanten' },
				answerKind: 'text',
				choices: []
			})
		).toBe('assigned');
		const nl = (await practiceForTrainer(db, trainer, groupId, firstSession, 'nl'))!;
		const en = (await practiceForTrainer(db, trainer, groupId, firstSession, 'en'))!;
		expect(nl.text).not.toBe(en.text);
		await expect(
			assignPractice(db, otherTrainer, groupId, secondSession, {
				source: { kind: 'own', text: 'Iets' },
				answerKind: 'text',
				choices: []
			})
		).rejects.toThrow(NotFound);
		expect(
			await assignPractice(db, trainer, groupId, secondSession, {
				source: { kind: 'own', text: 'Maak deze week één wandeling.' },
				answerKind: 'choice',
				choices: ['Gelukt', 'Een beetje', 'Niet gelukt']
			})
		).toBe('assigned');
	});
});

describe('answering', () => {
	it('shows a participant the newest practice given at a session that has started', async () => {
		const onTheFifth = await currentPractice(db, anna, 'nl', new Date('2026-09-05T12:00:00Z'));
		expect(onTheFifth?.givenAt).toBe('2026-09-01');
		const later = await currentPractice(db, anna, 'nl', new Date('2026-09-09T12:00:00Z'));
		expect(later).toMatchObject({
			givenAt: '2026-09-08',
			text: 'Maak deze week één wandeling.',
			answerKind: 'choice',
			answer: null
		});
		expect(await currentPractice(db, outsider, 'nl', new Date('2026-09-09T12:00:00Z'))).toBeNull();
	});

	it('waits until the session it was given at has started, and skips a cancelled one', async () => {
		// The second session (8 September, 14:00): not before it starts.
		const before = await currentPractice(db, anna, 'nl', new Date('2026-09-08T11:59:00Z'));
		expect(before?.givenAt).toBe('2026-09-01');
		const after = await currentPractice(db, anna, 'nl', new Date('2026-09-08T12:01:00Z'));
		expect(after?.givenAt).toBe('2026-09-08');
	});

	it('accepts only the offered choices, only in the participant’s own group', async () => {
		const practice = (await currentPractice(db, anna, 'nl', new Date('2026-09-09T12:00:00Z')))!;
		expect(await answerPractice(db, anna, practice.id, 'Misschien')).toBe('not_a_choice');
		await expect(answerPractice(db, outsider, practice.id, 'Gelukt')).rejects.toThrow(NotFound);
		await expect(answerPractice(db, anna, 'nope', 'Gelukt')).rejects.toThrow(NotFound);
		expect(await answerPractice(db, anna, practice.id, 'Een beetje')).toBe('saved');
		expect(await answerPractice(db, anna, practice.id, 'Gelukt')).toBe('saved');
		expect((await currentPractice(db, anna, 'nl', new Date('2026-09-09T12:00:00Z')))?.answer).toBe('Gelukt');
	});

	it('cannot be replaced once someone has answered', async () => {
		expect(
			await assignPractice(db, trainer, groupId, secondSession, {
				source: { kind: 'own', text: 'Iets anders' },
				answerKind: 'text',
				choices: []
			})
		).toBe('has_answers');
	});
});

describe('feedback and the session preparation', () => {
	it('shows the trainer every participant’s answer, logged per participant', async () => {
		await expect(practiceForTrainer(db, otherTrainer, groupId, secondSession, 'nl')).rejects.toThrow(
			NotFound
		);
		const seen = (await practiceForTrainer(db, trainer, groupId, secondSession, 'nl'))!;
		expect(seen.answers.map((row) => [row.displayName, row.answer])).toEqual([
			['Anna', 'Gelukt'],
			['Bram', null]
		]);
		const reads = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.eventType, 'home_practice.read'), eq(auditEvent.actorPersonId, trainer.personId))
			);
		expect(new Set(reads.map((row) => row.participantId))).toEqual(new Set([anna.personId, bram.personId]));
	});

	it('lets the trainer give feedback on an answer, which the participant then sees', async () => {
		const practice = (await practiceForTrainer(db, trainer, groupId, secondSession, 'nl'))!;
		await expect(giveFeedback(db, otherTrainer, groupId, practice.id, anna.personId, 'Top')).rejects.toThrow(
			NotFound
		);
		await expect(giveFeedback(db, trainer, groupId, practice.id, bram.personId, 'Top')).rejects.toThrow(
			NotFound
		);
		await giveFeedback(db, trainer, groupId, practice.id, anna.personId, 'Mooi gedaan!');
		// Someone who has left the group gets no feedback any more.
		await db.update(groupMember).set({ leftAt: new Date() }).where(eq(groupMember.personId, anna.personId));
		await expect(giveFeedback(db, trainer, groupId, practice.id, anna.personId, 'Nog één')).rejects.toThrow(
			NotFound
		);
		await db.update(groupMember).set({ leftAt: null }).where(eq(groupMember.personId, anna.personId));
		expect(await currentPractice(db, anna, 'nl', new Date('2026-09-09T12:00:00Z'))).toMatchObject({
			feedback: 'Mooi gedaan!',
			feedbackBy: 'Tessa'
		});
		const logged = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.eventType, 'home_practice.feedback'), eq(auditEvent.participantId, anna.personId))
			);
		expect(logged).toHaveLength(1);
	});

	it('puts "home practice not done" on the attention list a few days after the session', async () => {
		const early = await trainerAttention(db, trainer, new Date('2026-09-10T12:00:00Z'));
		expect(
			early.flatMap((row) => (row.reasons.includes('practice_not_done') ? [row.displayName] : []))
		).toEqual([]);
		const later = await trainerAttention(db, trainer, new Date('2026-09-12T12:00:00Z'));
		expect(
			later.flatMap((row) => (row.reasons.includes('practice_not_done') ? [row.displayName] : []))
		).toEqual(['Bram']);
	});

	it('does not count a participant who joined after it was given', async () => {
		const late = await buildPerson(db, {
			organisationId: coordinator.organisationId,
			role: 'participant',
			name: 'Lotte'
		});
		await db
			.insert(groupMember)
			.values({ groupId, personId: late.personId, joinedAt: new Date('2026-09-10T10:00:00Z') });
		const rows = await trainerAttention(db, trainer, new Date('2026-09-12T12:00:00Z'));
		expect(rows.find((row) => row.displayName === 'Lotte')?.reasons).not.toContain('practice_not_done');
		await db.delete(groupMember).where(eq(groupMember.personId, late.personId));
	});

	it('gives a coordinator counts per group, no names', async () => {
		const counts = await organisationAttention(db, coordinator, new Date('2026-09-12T12:00:00Z'));
		expect(counts.get(groupId)).toMatchObject({
			practice_not_done: 1,
			never_signed_in: 2,
			intake_not_done: 2,
			help_request: 0
		});
		expect(JSON.stringify([...counts])).not.toContain('Bram');
		await expect(organisationAttention(db, trainer, new Date())).rejects.toThrow(Forbidden);
	});
});
