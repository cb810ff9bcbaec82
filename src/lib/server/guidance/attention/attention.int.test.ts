/**
 * Issue 24 item 12: the attention lists at the size of a large organisation. The coordinator's counts
 * come from bounded, indexed queries whose parameters do not grow with the number of participants.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { checkIn, digitalIntake, groupMember, helpRequest, message, messageRead } from '../../db/schema';
import { ATTENTION_REASONS, organisationAttention, trainerAttention, type AttentionReason } from './queries';

let db: Db;
let pool: pg.Pool;
let coordinator: Actor;
let trainer: Actor;
let coTrainer: Actor;
let group: { id: string };
const now = new Date('2026-11-26T12:00:00+01:00'); // the week from Tuesday 24 November
const BULK = 400;

/** Every statement sent to the database while `work` runs, with its parameters. */
async function captured(work: () => Promise<unknown>) {
	const statements: { text: string; values: unknown[] }[] = [];
	const original = pool.query.bind(pool);
	pool.query = ((config: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
		const text = typeof config === 'string' ? config : config.text;
		statements.push({ text, values: values ?? (typeof config === 'string' ? [] : (config.values ?? [])) });
		return (original as (...args: unknown[]) => unknown)(config, values);
	}) as typeof pool.query;
	try {
		await work();
	} finally {
		pool.query = original;
	}
	return statements;
}

/** The plans of the reading statements, as PostgreSQL makes them when it may not read whole tables. */
async function plans(statements: { text: string; values: unknown[] }[]): Promise<string> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		await client.query('set local enable_seqscan = off');
		const out: unknown[] = [];
		for (const statement of statements.filter((s) => /^\s*(select|with)\b/i.test(s.text))) {
			const result = await client.query(`explain (format json) ${statement.text}`, statement.values);
			out.push(result.rows[0]['QUERY PLAN']);
		}
		return JSON.stringify(out);
	} finally {
		await client.query('rollback');
		client.release();
	}
}

const counted = (rows: { reasons: AttentionReason[] }[]) =>
	Object.fromEntries(
		ATTENTION_REASONS.map((reason) => [reason, rows.filter((row) => row.reasons.includes(reason)).length])
	);

beforeAll(async () => {
	const database = await createTestDatabase();
	db = database.db;
	pool = database.pool;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	coTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	const named = await Promise.all(
		['Anna', 'Bram', 'Chris', 'Dewi'].map((name) =>
			buildPerson(db, { organisationId: org.id, role: 'participant', name })
		)
	);
	const [anna, bram, chris, dewi] = named as [Actor, Actor, Actor, Actor];
	group = await buildGroup(db, {
		organisationId: org.id,
		trainers: [trainer, coTrainer],
		participants: named
	});
	// Many more participants who have done nothing yet.
	await db.execute(sql`
		with made as (
			insert into person (organisation_id, role, display_name)
			select ${org.id}, 'participant', 'Deelnemer ' || n from generate_series(1, ${BULK}::int) n
			returning id
		)
		insert into group_member (group_id, person_id) select ${group.id}, id from made`);
	await db.update(groupMember).set({ joinedAt: new Date('2026-08-25T10:00:00Z') });
	// Anna: an open help request, signed in, checked in last week, intake done.
	await db.insert(helpRequest).values({ personId: anna.personId, groupId: group.id, fromPath: '/' });
	await record(db, { eventType: 'auth.sign_in', action: 'E', actor: anna, participantId: anna.personId });
	await db.insert(digitalIntake).values({
		personId: anna.personId,
		device: 'smartphone',
		internetAtHome: true,
		hasEmail: true,
		confidence: 3,
		helpWanted: false,
		path: 'own_device'
	});
	// Chris: came in with a card, checked in two weeks ago (one week missed), wrote a message.
	await record(db, { eventType: 'login_card.use', action: 'E', actor: chris, participantId: chris.personId });
	await db.insert(message).values({
		personId: chris.personId,
		groupId: group.id,
		authorPersonId: chris.personId,
		body: 'Hallo',
		createdAt: new Date('2026-11-25T10:00:00Z')
	});
	for (const [person, weekStart] of [
		[anna, '2026-11-17'],
		[chris, '2026-11-10']
	] as const)
		await db.insert(checkIn).values({
			personId: person.personId,
			groupId: group.id,
			weekStart,
			idempotencyKey: randomUUID(),
			worked: 'yes',
			closeness: 3
		});
	// Dewi: only a failed sign-in, which is not being in.
	await record(db, {
		eventType: 'auth.sign_in',
		action: 'E',
		outcome: 'failure',
		actor: dewi,
		participantId: dewi.personId
	});
	void bram; // Bram has done nothing, like the many.
	await db.execute(sql`analyze`);
});

describe('who needs attention, in a large group', () => {
	it("gives the coordinator the same counts as the trainer's list, from one row per group", async () => {
		const everyone = BULK + 4;
		const expected = {
			help_request: 1,
			unread_message: 1,
			never_signed_in: everyone - 2, // all but Anna and Chris
			no_check_in: everyone - 2, // all but Anna and Chris (one week missed)
			practice_not_done: 0,
			intake_not_done: everyone - 1
		};
		const counts = await organisationAttention(db, coordinator, now);
		expect(counts.get(group.id)).toEqual(expected);
		expect(counted(await trainerAttention(db, trainer, now))).toEqual(expected);
	});

	it("counts a message as read for the coordinator when one of the group's trainers read it", async () => {
		const [written] = await db.select().from(message);
		await db.insert(messageRead).values({
			readerPersonId: coTrainer.personId,
			personId: written!.personId,
			readAt: new Date('2026-11-25T11:00:00Z')
		});
		expect((await organisationAttention(db, coordinator, now)).get(group.id)?.unread_message).toBe(0);
		// Still unread for the trainer who has not read it.
		expect(counted(await trainerAttention(db, trainer, now)).unread_message).toBe(1);
		// A co-trainer's answer settles it for every trainer.
		await db.insert(message).values({
			personId: written!.personId,
			groupId: written!.groupId,
			authorPersonId: coTrainer.personId,
			body: 'Ik bel je morgen.',
			createdAt: new Date('2026-11-25T11:05:00Z')
		});
		expect(counted(await trainerAttention(db, trainer, now)).unread_message).toBe(0);
		await db.delete(message).where(eq(message.authorPersonId, coTrainer.personId));
		// Only the groups asked about are counted (one page of the overview).
		expect([...(await organisationAttention(db, coordinator, now, [])).keys()]).toEqual([]);
		expect([...(await organisationAttention(db, coordinator, now, [group.id])).keys()]).toEqual([group.id]);
	});

	it('sends no parameter per participant, and reads through indexes only', async () => {
		const statements = await captured(async () => {
			await organisationAttention(db, coordinator, now);
			await trainerAttention(db, trainer, now);
		});
		// The access-log rows of the trainer's list are written apart; every read has a fixed few parameters.
		const reads = statements.filter((statement) => !/insert into "audit_event"/i.test(statement.text));
		expect(reads.length).toBeGreaterThanOrEqual(3);
		expect(Math.max(...reads.map((statement) => statement.values.length))).toBeLessThanOrEqual(8);
		const plan = await plans(reads);
		expect(plan).not.toContain('Seq Scan');
		expect(plan).toContain('audit_event_sign_in_idx');
		expect(plan).toContain('check_in_person_week_uq');
		expect(plan).toContain('help_request_one_open_uq');
	});

	it('counts an organisation past PostgreSQL’s 65,535 parameters (it answered 500 at 100,000)', async () => {
		const big = await buildGroup(db, { organisationId: coordinator.organisationId!, name: 'Heel groot' });
		await db.execute(sql`
			with made as (
				insert into person (organisation_id, role, display_name)
				select ${coordinator.organisationId}, 'participant', 'Groot ' || n from generate_series(1, 70000) n
				returning id
			)
			insert into group_member (group_id, person_id, joined_at)
			select ${big.id}, id, '2026-08-25T10:00:00Z' from made`);
		const counts = await organisationAttention(db, coordinator, now);
		expect(counts.get(big.id)?.never_signed_in).toBe(70000);
		expect(counts.get(group.id)?.help_request).toBe(1);
		await db.delete(groupMember).where(eq(groupMember.groupId, big.id));
	});
});
