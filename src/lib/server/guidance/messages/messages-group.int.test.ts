/**
 * The trainer's thread page takes a group and a participant from its URL: a participant who is
 * not in that group is not found there, and nothing is read, marked read, written or logged.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { NotFound } from '../../errors';
import { auditEvent, message, messageRead } from '../../db/schema';
import { sendMessage } from './commands';
import { groupThread } from './queries';

let db: Db;
let trainer: Actor;
let anna: Actor;
let annasGroup: { id: string };
let otherGroup: { id: string };

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	annasGroup = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] });
	otherGroup = await buildGroup(db, { organisationId: org.id, trainers: [trainer] });
	await sendMessage(db, anna, anna.personId, 'Hallo', { notify: false });
});

const logged = () =>
	db
		.select()
		.from(auditEvent)
		.where(and(eq(auditEvent.actorPersonId, trainer.personId), eq(auditEvent.outcome, 'success')));
/** The refusals logged for the trainer: what was asked for, never whose data it is. */
const refused = async () =>
	(
		await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.actorPersonId, trainer.personId), eq(auditEvent.outcome, 'failure')))
	).map((row) => [row.eventType, row.participantId, row.objectType, row.objectId]);

describe('a thread under another group of the same trainer', () => {
	it('is not found, and nothing is read or logged but the refusal', async () => {
		await expect(groupThread(db, trainer, otherGroup.id, anna.personId)).rejects.toThrow(NotFound);
		expect(await logged()).toEqual([]);
		expect(await refused()).toEqual([['access.denied', null, 'participant', anna.personId]]);
		expect(
			await db.select().from(messageRead).where(eq(messageRead.readerPersonId, trainer.personId))
		).toEqual([]);
	});

	it('takes no message', async () => {
		await expect(
			sendMessage(db, trainer, anna.personId, 'Via de verkeerde groep', {
				notify: false,
				inGroup: otherGroup.id
			})
		).rejects.toThrow(NotFound);
		expect(await refused()).toHaveLength(2);
		expect((await db.select().from(message)).map((row) => row.body)).toEqual(['Hallo']);
		expect(await logged()).toEqual([]);
	});

	it('is found under the participant’s own group', async () => {
		const found = await groupThread(db, trainer, annasGroup.id, anna.personId);
		expect(found?.messages.map((row) => row.body)).toEqual(['Hallo']);
		expect((await logged()).map((row) => row.eventType)).toEqual(['message.read']);
	});
});
