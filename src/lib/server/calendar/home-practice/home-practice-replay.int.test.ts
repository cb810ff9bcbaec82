/**
 * The session page's writes sent again with the same form key (a resend after a lost answer, or
 * several at once): home practice given, answered and replied to, and attendance, each answer as the
 * first did and write — and log — nothing more.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { auditEvent, groupMember, homePracticeAnswer } from '../../db/schema';
import { participantGroupCache } from '../../groups/queries';
import { createGroup, recordAttendance } from '../group-calendar/commands';
import { groupCalendar } from '../group-calendar/queries';
import { answerPractice, assignPractice, giveFeedback } from './commands';
import { practiceForTrainer } from './queries';

let db: Db;
let trainer: Actor;
let anna: Actor;
let groupId: string;
let sessionId: string;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	const coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	const created = await createGroup(db, coordinator, {
		name: 'Herhaalgroep',
		location: 'Zaal 2',
		weekday: 2,
		startTime: '14:00',
		startDate: '2026-09-01',
		endDate: null,
		trainerIds: [trainer.personId],
		skipPublicHolidays: true,
		daysOff: []
	});
	groupId = created?.ok ? created.id : '';
	await db
		.insert(groupMember)
		.values({ groupId, personId: anna.personId, joinedAt: new Date('2026-08-25T10:00:00Z') });
	sessionId = (await groupCalendar(db, trainer, groupId))!.sessions[0]!.id;
	participantGroupCache.clear();
});

async function replayed<T>(call: () => Promise<T>): Promise<T[]> {
	const together = await Promise.all([call(), call(), call()]);
	return [...together, await call()];
}

async function logged(eventType: string): Promise<number> {
	const rows = await db
		.select()
		.from(auditEvent)
		.where(and(eq(auditEvent.eventType, eventType), eq(auditEvent.participantId, anna.personId)));
	return rows.length;
}

describe('the session page sent again', () => {
	it('gives, answers, replies to and records once per form key', async () => {
		const practice = {
			source: { kind: 'own' as const, text: 'Eén wandeling.' },
			answerKind: 'text' as const,
			choices: []
		};
		const assignKey = randomUUID();
		expect(
			await replayed(() => assignPractice(db, trainer, groupId, sessionId, practice, assignKey))
		).toEqual(Array(4).fill('assigned'));
		const { id: practiceId } = (await practiceForTrainer(db, trainer, groupId, sessionId, 'nl'))!;

		const answerKey = randomUUID();
		expect(await replayed(() => answerPractice(db, anna, practiceId, 'Gelukt', answerKey))).toEqual(
			Array(4).fill('saved')
		);
		expect(await logged('home_practice.answer')).toBe(1);
		// Now answered: giving the practice anew is refused, but the first post's resend still answers 'assigned'.
		expect(await assignPractice(db, trainer, groupId, sessionId, practice, assignKey)).toBe('assigned');
		expect(await assignPractice(db, trainer, groupId, sessionId, practice, randomUUID())).toBe('has_answers');

		const feedbackKey = randomUUID();
		expect(
			await replayed(() =>
				giveFeedback(db, trainer, groupId, practiceId, anna.personId, 'Mooi!', feedbackKey)
			)
		).toHaveLength(4); // all four resolved: a resend is answered as the first was, not refused
		expect(await logged('home_practice.feedback')).toBe(1);
		const [answer] = await db
			.select()
			.from(homePracticeAnswer)
			.where(eq(homePracticeAnswer.practiceId, practiceId));
		expect(answer).toMatchObject({ answer: 'Gelukt', feedback: 'Mooi!' });

		const marks = new Map([[anna.personId, 'present' as const]]);
		const attendanceKey = randomUUID();
		expect(
			await replayed(() => recordAttendance(db, trainer, groupId, sessionId, marks, attendanceKey))
		).toEqual(Array(4).fill(1));
		expect(await logged('attendance.update')).toBe(1);
	});
});
