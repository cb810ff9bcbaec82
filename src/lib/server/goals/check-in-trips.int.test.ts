/**
 * The check-in's last answer is one command (issue 16): how many statements it sends to PostgreSQL,
 * counted on the pool's clients, so a change that adds round trips shows here. And the stored draft
 * answers are keyed in English: the data migration moves drafts written with the Dutch keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { openDatabase, type Database } from '../db/client';
import { checkIn, checkInDraft } from '../db/schema';
import { checkInContext, saveAnswer } from './check-in';
import { createGoal } from './commands';

let counted: Database;
let statements = 0;
let anna: Actor;
let bram: Actor;
let groupId: string;

// The builders' group meets on Tuesdays at 14:00 from 1 September 2026: a Thursday in its week.
const now = new Date('2026-11-26T18:00:00+01:00');

beforeAll(async () => {
	const database = await createTestDatabase();
	const org = await buildOrganisation(database.db);
	anna = await buildPerson(database.db, { organisationId: org.id, role: 'participant' });
	bram = await buildPerson(database.db, { organisationId: org.id, role: 'participant' });
	groupId = (await buildGroup(database.db, { organisationId: org.id, participants: [anna, bram] })).id;
	// A pool of its own whose clients count what they send (every statement is a round trip).
	counted = openDatabase(database.url, 2);
	counted.pool.on('connect', (client: pg.PoolClient) => {
		const query = client.query.bind(client) as (...args: unknown[]) => unknown;
		(client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
			statements++;
			return query(...args);
		};
	});
});
afterAll(() => counted.close());

async function trips(run: () => Promise<unknown>): Promise<number> {
	statements = 0;
	await run();
	return statements;
}

describe("the check-in's last answer", () => {
	it('sends the check-in in one command and a bounded number of round trips', async () => {
		const db = counted.db;
		await createGoal(db, anna, anna.personId, { lifeArea: 'work', text: 'Werk', why: '', step: 'Bellen' });
		for (const [question, answer] of [
			['worked', 'yes'],
			['closeness', '3'],
			['bringUp', '']
		] as const)
			expect(await saveAnswer(db, anna, question, answer, now)).toMatchObject({ ok: true });
		const last = await trips(async () =>
			expect(await saveAnswer(db, anna, 'step', 'keep', now)).toEqual({ ok: true, next: null, sent: 'saved' })
		);
		// participantGroup (1), the participant's check-in state: drafts, weeks checked in, goal and step
		// (1); then BEGIN, the check-in, the draft removed, the access-log row, COMMIT (5). Before issue
		// 16: 10 (drafts, weeks, goal and step apart, and the draft written before it was removed).
		expect(last).toBe(7);
		expect(await db.select().from(checkIn).where(eq(checkIn.personId, anna.personId))).toHaveLength(1);
		expect(await db.select().from(checkInDraft).where(eq(checkInDraft.personId, anna.personId))).toEqual([]);
	});
});

describe('the data migration of the draft answers', () => {
	it('moves the Dutch keys of a stored draft to the English ones, and is idempotent', async () => {
		const db = counted.db;
		await db.insert(checkInDraft).values({
			personId: bram.personId,
			groupId,
			weekStart: '2026-11-24',
			answers: {
				gewerkt: 'a_bit',
				dichtbij: '4',
				bespreken: 'Slapen',
				stap: 'change',
				'nieuwe-stap': 'Lopen'
			}
		});
		const file = fs
			.readdirSync(path.resolve(import.meta.dirname, '../../../../drizzle'))
			.find((name) => name.endsWith('_check_in_answer_keys.sql'))!;
		const migration = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../drizzle', file), 'utf8');
		await db.execute(sql.raw(migration));
		await db.execute(sql.raw(migration));
		const [draft] = await db.select().from(checkInDraft).where(eq(checkInDraft.personId, bram.personId));
		expect(draft?.answers).toEqual({
			worked: 'a_bit',
			closeness: '4',
			bringUp: 'Slapen',
			step: 'change',
			newStep: 'Lopen'
		});
		// The check-in reads the moved draft as complete, ready to be sent.
		expect(await checkInContext(db, bram, now)).toMatchObject({ answers: draft?.answers, next: null });
	});
});
