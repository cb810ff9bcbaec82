/**
 * The trainer's thread page takes a group and a participant from its URL: a participant who is
 * not in that group is not found there, and nothing is read, marked read, written or logged.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, message, messageRead } from '../db/schema';
import { sendMessage, thread } from './messages';

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
	await sendMessage(anna, anna.personId, 'Hallo', db, { notify: false });
});

const logged = () => db.select().from(auditEvent).where(eq(auditEvent.actorPersonId, trainer.personId));

describe('a thread under another group of the same trainer', () => {
	it('is not found, and nothing is read or logged', async () => {
		expect(await thread(trainer, anna.personId, db, { inGroup: otherGroup.id })).toBeNull();
		expect(await logged()).toEqual([]);
		expect(
			await db.select().from(messageRead).where(eq(messageRead.readerPersonId, trainer.personId))
		).toEqual([]);
	});

	it('takes no message', async () => {
		const sent = await sendMessage(trainer, anna.personId, 'Via de verkeerde groep', db, {
			notify: false,
			inGroup: otherGroup.id
		});
		expect(sent).toBeNull();
		expect((await db.select().from(message)).map((row) => row.body)).toEqual(['Hallo']);
		expect(await logged()).toEqual([]);
	});

	it('is found under the participant’s own group', async () => {
		const found = await thread(trainer, anna.personId, db, { inGroup: annasGroup.id });
		expect(found?.messages.map((row) => row.body)).toEqual(['Hallo']);
		expect((await logged()).map((row) => row.eventType)).toEqual(['message.read']);
	});
});
