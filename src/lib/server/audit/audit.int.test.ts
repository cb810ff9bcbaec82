import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Database } from '../db/client';
import { auditEvent } from '../db/schema';
import { record } from './record';
import { verifyChain } from './verify';

let database: Database;
let trainer: Actor;
let participant: Actor;

beforeAll(async () => {
	database = await createTestDatabase();
	const org = await buildOrganisation(database.db);
	trainer = await buildPerson(database.db, { organisationId: org.id, role: 'trainer', name: 'Tom' });
	participant = await buildPerson(database.db, { organisationId: org.id, role: 'participant' });
});

describe('the access log', () => {
	it('records who did what to whose data, chained by hash', async () => {
		await record(database.db, {
			eventType: 'group.participants.read',
			action: 'R',
			actor: trainer,
			participantId: participant.personId,
			accessPoint: '192.0.2.10'
		});
		const [row] = await database.db
			.select()
			.from(auditEvent)
			.where(eq(auditEvent.participantId, participant.personId));
		expect(row).toMatchObject({
			eventType: 'group.participants.read',
			action: 'R',
			outcome: 'success',
			actorPersonId: trainer.personId,
			actorRole: 'trainer',
			actorName: 'Tom',
			organisationId: trainer.organisationId,
			accessPoint: '192.0.2.10'
		});
		expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(await verifyChain(database.pool)).toEqual({ ok: true, rows: 1, removed: 0 });
	});

	it('keeps one unbroken chain when many transactions write at once', async () => {
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				database.db.transaction((tx) =>
					record(tx, {
						eventType: 'access.denied',
						action: 'R',
						outcome: 'failure',
						actor: trainer,
						object: { type: 'route', id: `/x/${i}` }
					})
				)
			)
		);
		expect(await verifyChain(database.pool)).toEqual({ ok: true, rows: 21, removed: 0 });
	});

	it('refuses UPDATE, DELETE of recent rows and TRUNCATE', async () => {
		await expect(database.db.update(auditEvent).set({ actorName: 'iemand anders' })).rejects.toThrow();
		await expect(database.db.delete(auditEvent)).rejects.toThrow();
		await expect(database.db.execute(sql`truncate audit_event`)).rejects.toThrow();
		expect((await database.db.select().from(auditEvent)).length).toBe(21);
	});

	it('makes a failed log write fail the action', async () => {
		const written = database.db.transaction(async (tx) => {
			await tx.execute(sql`select 1`);
			// An event type the database cannot store stands in for any failure of the log write.
			await record(tx, { eventType: 'access.denied', action: 'X' as 'R', actor: trainer });
		});
		await expect(written).rejects.toThrow();
	});

	it('names the first row whose contents were changed behind the app’s back', async () => {
		const client = await database.pool.connect();
		try {
			await client.query('alter table audit_event disable trigger audit_event_append_only');
			await client.query(`update audit_event set actor_name = 'vervalst' where chain_seq = 5`);
			await client.query('alter table audit_event enable trigger audit_event_append_only');
		} finally {
			client.release();
		}
		const report = await verifyChain(database.pool);
		expect(report).toMatchObject({
			ok: false,
			rows: 4,
			brokenAt: { chainSeq: 5, reason: 'its contents were changed after it was written' }
		});
	});
});
