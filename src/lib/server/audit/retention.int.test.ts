/**
 * The access log past its retention period (issue 22, item 5): rows older than the organisation's
 * period (at least 5 years) are removed by the retention job without rewriting the hash chain. Each
 * leaves its place, link and hash in audit_event_removed; the chain verifies across the gaps, new rows
 * follow a removed last one, and neither table can be changed by hand.
 */
import { count, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { indexesIn, planOf, statementsOf, tablesScannedIn } from '../../../../tests/helpers/plans';
import type { Database } from '../db/client';
import { auditEvent, auditEventRemoved } from '../db/schema';
import { applyRetention, removeUnattachedLogRows } from '../privacy/retention';
import { record } from './record';
import { verifyChain } from './verify';

let database: Database;
let organisationA: string;
let organisationB: string;
let trainerA: Awaited<ReturnType<typeof buildPerson>>;

/**
 * Appends `n` rows written `yearsAgo` years ago to the chain (of no organisation: `null`), as the insert trigger would have
 * chained them then (it stamps the time of now, so it is off while they are written).
 */
async function appendOld(organisationId: string | null, n: number, yearsAgo: number): Promise<void> {
	const client = await database.pool.connect();
	try {
		await client.query('begin');
		await client.query('select pg_advisory_xact_lock(7513)');
		await client.query('alter table audit_event disable trigger audit_event_chain');
		await client.query('alter table audit_event disable trigger audit_event_append_only');
		for (let i = 0; i < n; i++) {
			const { rows } = await client.query<{ id: string }>(
				`insert into audit_event (chain_seq, previous_hash, recorded_at, event_type, action, outcome, organisation_id)
				 select last.chain_seq + 1, last.hash, now() - make_interval(years => $2::int) + make_interval(mins => $3::int),
				        'check_in.read', 'R', 'success', $1
				   from (select chain_seq, hash from audit_event
				         union all select chain_seq, hash from audit_event_removed
				         order by chain_seq desc limit 1) last
				 returning id`,
				[organisationId, yearsAgo, i]
			);
			await client.query('update audit_event e set hash = audit_event_digest(e) where id = $1', [
				rows[0]!.id
			]);
		}
		await client.query('alter table audit_event enable trigger audit_event_append_only');
		await client.query('alter table audit_event enable trigger audit_event_chain');
		await client.query('commit');
	} catch (problem) {
		await client.query('rollback');
		throw problem;
	} finally {
		client.release();
	}
}

const readBy = (actor: typeof trainerA) =>
	record(database.db, {
		eventType: 'check_in.read',
		action: 'R',
		actor,
		organisationId: actor.organisationId
	});

const rowsOf = async (organisationId: string) =>
	(
		await database.db
			.select({ n: count() })
			.from(auditEvent)
			.where(eq(auditEvent.organisationId, organisationId))
	)[0]!.n;

beforeAll(async () => {
	database = await createTestDatabase();
	organisationA = (await buildOrganisation(database.db)).id;
	organisationB = (await buildOrganisation(database.db)).id;
	trainerA = await buildPerson(database.db, { organisationId: organisationA, role: 'trainer' });
	await readBy(trainerA);
	await appendOld(organisationA, 4, 6);
	await appendOld(organisationB, 2, 6);
	await appendOld(organisationA, 1, 4);
	await readBy(trainerA);
});

describe('the access log past its retention period', () => {
	it('is counted by a dry run and removed by the job, leaving the chain whole', async () => {
		expect(await verifyChain(database.pool)).toEqual({ ok: true, rows: 9, removed: 0 });
		const before = await rowsOf(organisationA);
		const dry = await applyRetention(database.db, organisationA, { dryRun: true });
		// Four rows are 6 years old; the one of 4 years is kept, as is the other organisation's.
		expect(dry.access_log).toBe(4);
		expect(await rowsOf(organisationA)).toBe(before + 1); // the dry run's own row

		const real = await applyRetention(database.db, organisationA, { dryRun: false });
		expect(real.access_log).toBe(4);
		expect(await rowsOf(organisationA)).toBe(before + 2 - 4);
		expect(await rowsOf(organisationB)).toBe(2);
		const left = await database.db.select().from(auditEventRemoved).orderBy(auditEventRemoved.chainSeq);
		expect(left.map((row) => row.organisationId)).toEqual(Array(4).fill(organisationA));
		expect(left.every((row) => row.hash.length === 64)).toBe(true);
		expect(await verifyChain(database.pool)).toEqual({ ok: true, rows: 7, removed: 4 });
	});

	it('chains a new row to a removed last one', async () => {
		await appendOld(organisationB, 1, 8);
		const client = await database.pool.connect();
		try {
			// What the job does, on its own: the newest row of the chain is the removed one.
			await client.query(
				`delete from audit_event where chain_seq = (select max(chain_seq) from audit_event)`
			);
		} finally {
			client.release();
		}
		const [removed] = await database.db
			.select()
			.from(auditEventRemoved)
			.orderBy(sql`${auditEventRemoved.chainSeq} desc`)
			.limit(1);
		await readBy(trainerA);
		const [next] = await database.db
			.select()
			.from(auditEvent)
			.orderBy(sql`${auditEvent.chainSeq} desc`)
			.limit(1);
		expect(next!.chainSeq).toBe(removed!.chainSeq + 1);
		expect(next!.previousHash).toBe(removed!.hash);
		expect(await verifyChain(database.pool)).toMatchObject({ ok: true, removed: 5 });
	});

	it('removes the rows of no organisation after 5 years, by its index, and keeps the younger ones', async () => {
		// Sign-in attempts with an address nobody has: no organisation's period applies to them.
		await appendOld(null, 2, 6);
		await appendOld(null, 1, 4);
		const before = await verifyChain(database.pool);
		const statements = await statementsOf(database.pool, async (spy) => {
			expect(await removeUnattachedLogRows(spy)).toBe(2);
		});
		const unattached = async () =>
			(await database.db.select({ n: count() }).from(auditEvent).where(isNull(auditEvent.organisationId)))[0]!
				.n;
		expect(await unattached()).toBe(1);
		expect(await verifyChain(database.pool)).toMatchObject({ ok: true, removed: before.removed + 2 });
		expect(await removeUnattachedLogRows(database.db)).toBe(0);
		expect(statements).toHaveLength(1);
		// One of the organisation indexes, searched for "no organisation" and the age: never the whole log.
		const plan = await planOf(database.pool, statements[0]!);
		expect(indexesIn(plan).some((index) => index.startsWith('audit_event_organisation'))).toBe(true);
		expect(plan).toMatch(/"Index Cond":"\(\(organisation_id IS NULL\) AND \(recorded_at < /);
		expect(tablesScannedIn(plan)).toEqual([]);
	});

	it('refuses to remove a younger row, and to change or remove what a removed row left', async () => {
		await expect(
			database.db.delete(auditEvent).where(eq(auditEvent.organisationId, organisationA))
		).rejects.toHaveProperty('cause.message', expect.stringMatching(/kept at least 5 years/));
		await expect(database.db.delete(auditEventRemoved)).rejects.toHaveProperty(
			'cause.message',
			expect.stringMatching(/append-only/)
		);
		await expect(database.db.update(auditEventRemoved).set({ hash: 'x' })).rejects.toHaveProperty(
			'cause.message',
			expect.stringMatching(/append-only/)
		);
		await expect(database.db.execute(sql`truncate audit_event_removed`)).rejects.toHaveProperty(
			'cause.message',
			expect.stringMatching(/append-only/)
		);
	});

	it('names a removed row whose hash was changed behind the app’s back', async () => {
		const [first] = await database.db
			.select()
			.from(auditEventRemoved)
			.orderBy(auditEventRemoved.chainSeq)
			.limit(1);
		const client = await database.pool.connect();
		try {
			await client.query('alter table audit_event_removed disable trigger audit_event_removed_append_only');
			await client.query(`update audit_event_removed set hash = repeat('0', 64) where chain_seq = $1`, [
				first!.chainSeq
			]);
			await client.query('alter table audit_event_removed enable trigger audit_event_removed_append_only');
		} finally {
			client.release();
		}
		expect(await verifyChain(database.pool)).toMatchObject({
			ok: false,
			brokenAt: { chainSeq: first!.chainSeq + 1, reason: 'does not link to the row before it' }
		});
	});
});
