import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import {
	buildCurriculum,
	buildGroup,
	buildOrganisation,
	buildPerson
} from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { Forbidden, Invalid, NotFound } from '../errors';
import { auditEvent, checkIn, groupMember, helpRequest } from '../db/schema';
import { trainerAttention } from './attention/queries';
import { intakeOf } from './intake/queries';
import { saveIntake } from './intake/commands';
import { groupThreads, thread, unreadForParticipant } from './messages/queries';
import { sendMessage } from './messages/commands';
import { askForHelp, closeHelpRequest, screenPath } from './help-requests/commands';
import { groupHelpRequests, openRequestOf } from './help-requests/queries';

let db: Db;
let anna: Actor;
let bram: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let group: { id: string };
let otherGroup: { id: string };

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] });
	otherGroup = await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer] });
	// Both joined at the start of the course (1 September 2026).
	await db
		.update(groupMember)
		.set({ joinedAt: new Date('2026-08-25T10:00:00Z') })
		.where(eq(groupMember.groupId, group.id));
});

describe('"Ik kom er niet uit"', () => {
	it('keeps only an in-app path as the screen it came from', () => {
		expect(screenPath('/modules/1/02-het-verhaal-van-sam?x=1')).toBe('/modules/1/02-het-verhaal-van-sam');
		expect(screenPath('//elders.example/x')).toBe('/');
		expect(screenPath('https://elders.example')).toBe('/');
		expect(screenPath(null)).toBe('/');
	});

	it('sends one request however often the participant taps, to their own group only', async () => {
		const first = await askForHelp(db, anna, '/modules/1');
		const again = await askForHelp(db, anna, '/check-in');
		expect(first?.created).toBe(true);
		expect(again).toEqual({ id: first!.id, created: false });
		expect(await db.select().from(helpRequest)).toMatchObject([
			{ groupId: group.id, fromPath: '/modules/1' }
		]);
		expect(await openRequestOf(db, anna)).not.toBeNull();
	});

	it("is seen and closed with a note by the group's trainer, nobody else; then a new one can be sent", async () => {
		await expect(groupHelpRequests(db, otherTrainer, group.id)).rejects.toThrow(NotFound);
		const seen = await groupHelpRequests(db, trainer, group.id);
		expect(seen?.open.map((request) => request.displayName)).toEqual(['Anna']);
		const id = seen!.open[0]!.id;
		await expect(closeHelpRequest(db, otherTrainer, group.id, id, 'x')).rejects.toThrow(NotFound);
		await expect(closeHelpRequest(db, otherTrainer, otherGroup.id, id, 'x')).rejects.toThrow(NotFound);
		expect(await openRequestOf(db, anna)).not.toBeNull();
		await closeHelpRequest(db, trainer, group.id, id, 'Gebeld, samen de video gestart');
		await expect(closeHelpRequest(db, trainer, group.id, id, 'nog eens')).rejects.toThrow(NotFound);
		expect(await openRequestOf(db, anna)).toBeNull();
		expect((await askForHelp(db, anna, '/'))?.created).toBe(true);
		const logged = await db
			.select({ eventType: auditEvent.eventType })
			.from(auditEvent)
			.where(eq(auditEvent.participantId, anna.personId));
		expect(logged.map((row) => row.eventType)).toEqual(
			expect.arrayContaining(['help_request.create', 'help_request.read', 'help_request.close'])
		);
	});
});

describe('the screen a help request came from', () => {
	it("is named by its title in the reader's language: a module step, a page, or else its path", async () => {
		const org = await buildOrganisation(db);
		const coach = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
		const asking = await Promise.all(
			['Cas', 'Dina', 'Eef', 'Fien'].map((name) =>
				buildPerson(db, { organisationId: org.id, role: 'participant', name })
			)
		);
		const own = await buildGroup(db, { organisationId: org.id, trainers: [coach], participants: asking });
		const { modules } = await buildCurriculum(db, { organisationId: org.id, groups: [own.id] });
		const from = [`/modules/1/${modules[0]!.stepKeys[1]}`, '/modules/2', '/check-in', '/modules/9/elders'];
		for (const [index, person] of asking.entries()) await askForHelp(db, person, from[index]!);
		const screens = async (locale: 'nl' | 'en') =>
			Object.fromEntries(
				(await groupHelpRequests(db, coach, own.id, locale)).open.map((request) => [
					request.displayName,
					request.screen
				])
			);
		expect(await screens('nl')).toEqual({
			Cas: 'Module 1: Stap 2',
			Dina: 'Module 2: Module 2',
			Eef: 'Check-in',
			Fien: '/modules/9/elders'
		});
		expect((await screens('en')).Cas).toBe('Module 1: Step 2');
	});
});

describe('who needs attention', () => {
	it('names open help requests first, then never signed in, then two weeks without a check-in', async () => {
		const now = new Date('2026-11-26T12:00:00+01:00'); // week from Tuesday 24 November
		await record(db, { eventType: 'auth.sign_in', action: 'E', actor: bram, participantId: bram.personId });
		await db.insert(checkIn).values({
			personId: bram.personId,
			groupId: group.id,
			weekStart: '2026-11-03',
			idempotencyKey: crypto.randomUUID(),
			worked: 'yes',
			closeness: 3
		});
		let rows = await trainerAttention(db, trainer, now);
		expect(rows.map((row) => [row.displayName, row.reasons])).toEqual([
			['Anna', ['help_request', 'never_signed_in', 'no_check_in', 'intake_not_done']],
			['Bram', ['no_check_in', 'intake_not_done']]
		]);
		// The weeks of 10 and 17 November ended without a check-in; the week running now does not count.
		expect(rows[1]?.weeksWithoutCheckIn).toBe(2);
		// A check-in last week: Bram needs no attention.
		await db.insert(checkIn).values({
			personId: bram.personId,
			groupId: group.id,
			weekStart: '2026-11-17',
			idempotencyKey: crypto.randomUUID(),
			worked: 'a_bit',
			closeness: 4
		});
		expect(
			await saveIntake(db, trainer, group.id, bram.personId, {
				device: 'smartphone',
				internetAtHome: true,
				hasEmail: true,
				confidence: 2,
				helpWanted: false
			})
		).toBe('guided');
		await expect(
			saveIntake(db, otherTrainer, group.id, bram.personId, {
				device: 'none',
				internetAtHome: false,
				hasEmail: false,
				confidence: 1,
				helpWanted: true
			})
		).rejects.toThrow(NotFound);
		expect((await intakeOf(db, trainer, group.id, bram.personId))?.intake).toMatchObject({
			path: 'guided',
			confidence: 2
		});
		await expect(intakeOf(db, otherTrainer, group.id, bram.personId)).rejects.toThrow(NotFound);
		rows = await trainerAttention(db, trainer, now);
		expect(rows.map((row) => row.displayName)).toEqual(['Anna']);
		expect(await trainerAttention(db, otherTrainer, now)).toEqual([]);
		await expect(trainerAttention(db, anna, now)).rejects.toThrow(Forbidden);
		const [reads] = await db
			.select({ count: sql<number>`count(*)::int` })
			.from(auditEvent)
			.where(eq(auditEvent.eventType, 'attention.read'));
		expect(reads?.count).toBe(3);
	});
});

describe('messages', () => {
	it("go only between a participant and their own group's trainers, who see which trainer answered", async () => {
		expect(
			await sendMessage(db, anna, anna.personId, 'Ik snap stap 3 niet', { notify: false })
		).not.toBeNull();
		await expect(
			sendMessage(db, anna, bram.personId, 'In een ander gesprek', { notify: false })
		).rejects.toThrow(NotFound);
		await expect(
			sendMessage(db, otherTrainer, anna.personId, 'Van een andere groep', { notify: false })
		).rejects.toThrow(NotFound);
		await expect(sendMessage(db, anna, anna.personId, '   ', { notify: false })).rejects.toThrow(Invalid);
		await expect(thread(db, otherTrainer, anna.personId)).rejects.toThrow(NotFound);
		await expect(groupThreads(db, otherTrainer, group.id)).rejects.toThrow(NotFound);

		const before = await groupThreads(db, trainer, group.id);
		expect(before?.threads.find((row) => row.id === anna.personId)).toMatchObject({ total: 1, unread: 1 });
		expect(
			(await trainerAttention(db, trainer, new Date('2026-11-26T12:00:00+01:00')))[0]?.reasons
		).toContain('unread_message');
		const read = await thread(db, trainer, anna.personId);
		expect(read?.messages.map((item) => [item.body, item.trainerName])).toEqual([
			['Ik snap stap 3 niet', null]
		]);
		expect(
			(await groupThreads(db, trainer, group.id))?.threads.find((row) => row.id === anna.personId)?.unread
		).toBe(0);

		expect(await unreadForParticipant(db, anna.personId)).toBe(0);
		await sendMessage(db, trainer, anna.personId, 'Ik bel je morgen even', { notify: false });
		expect(await unreadForParticipant(db, anna.personId)).toBe(1);
		const own = await thread(db, anna, anna.personId);
		expect(own?.messages.at(-1)).toMatchObject({ body: 'Ik bel je morgen even', mine: false });
		expect(own?.messages.at(-1)?.trainerName).toBe(trainer.displayName);
		expect(await unreadForParticipant(db, anna.personId)).toBe(0);
		const logged = await db
			.select({ eventType: auditEvent.eventType })
			.from(auditEvent)
			.where(eq(auditEvent.actorPersonId, trainer.personId));
		expect(logged.map((row) => row.eventType)).toEqual(
			expect.arrayContaining(['message.list', 'message.read', 'message.create'])
		);
	});
});
