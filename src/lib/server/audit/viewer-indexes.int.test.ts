/**
 * The coordinator's log viewer on a table of many rows: each filter (none, an action, a period
 * long ago, a participant, a person) is answered from an index that matches it, never by reading
 * the whole of audit_event. The plans are read with EXPLAIN on the viewer's own SQL, with
 * sequential scans switched off, so the outcome does not depend on row counts or machine speed.
 */
import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Database, Db } from '../db/client';
import * as schema from '../db/schema';
import { accessLogOfOrganisation, type OrganisationLogFilter } from './queries';

let database: Database;
let coordinator: Actor;
const participantId = '00000000-0000-4000-8000-000000000007';
const actorPersonId = '00000000-0000-4000-8000-000000000031';

interface PlanNode {
	'Node Type': string;
	'Relation Name'?: string;
	'Index Name'?: string;
	'Index Cond'?: string;
	Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
	return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** Runs the viewer with `filter` and returns the plans of its reads of audit_event. */
async function viewerPlans(filter: OrganisationLogFilter): Promise<PlanNode[][]> {
	const queries: { sql: string; params: unknown[] }[] = [];
	const db = drizzle(database.pool, {
		schema,
		logger: { logQuery: (sql, params) => queries.push({ sql, params }) }
	}) as unknown as Db;
	await accessLogOfOrganisation(db, coordinator, filter, { limit: 200, purpose: 'view' });
	const reads = queries.filter((query) => /^select .* from "audit_event"/is.test(query.sql));
	expect(reads.length).toBeGreaterThan(0);
	const client = await database.pool.connect();
	try {
		await client.query('set enable_seqscan = off');
		const plans: PlanNode[][] = [];
		for (const read of reads) {
			const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
				`explain (format json) ${read.sql}`,
				read.params
			);
			plans.push(nodesOf(rows[0]!['QUERY PLAN'][0].Plan));
		}
		return plans;
	} finally {
		await client.query('reset enable_seqscan');
		client.release();
	}
}

/** Every read of audit_event goes through an index condition, and one of them on `column`. */
function expectIndexed(plans: PlanNode[][], column: string): void {
	for (const nodes of plans) {
		for (const node of nodes.filter((n) => n['Relation Name'] === 'audit_event')) {
			expect(node['Node Type'], JSON.stringify(node)).not.toBe('Seq Scan');
			if (node['Node Type'] !== 'Bitmap Heap Scan')
				expect(node['Index Cond'], node['Node Type']).toBeTruthy();
		}
	}
	const conditions = plans
		.flat()
		.filter((node) => node['Index Name']?.startsWith('audit_event') && node['Index Cond'])
		.map((node) => node['Index Cond']);
	expect(
		conditions.some((condition) => condition?.includes(column)),
		conditions.join(' | ')
	).toBe(true);
}

beforeAll(async () => {
	database = await createTestDatabase();
	const mine = await buildOrganisation(database.db);
	const other = await buildOrganisation(database.db);
	coordinator = await buildPerson(database.db, { organisationId: mine.id, role: 'coordinator' });
	// The filtered participant and person are people of the organisation (others are refused, 404).
	for (const [id, role] of [
		[participantId, 'participant'],
		[actorPersonId, 'trainer']
	] as const) {
		const userId = randomUUID();
		await database.db
			.insert(schema.user)
			.values({ id: userId, name: role, email: `${userId}@test.example`, emailVerified: true });
		await database.db
			.insert(schema.person)
			.values({ id, organisationId: mine.id, userId, role, displayName: `${role} ${id.slice(-2)}` });
	}
	// 20,000 rows over 27 months (one an hour), written as if by the app over time: the chaining
	// trigger (which stamps the current time) is off while they are written.
	const client = await database.pool.connect();
	try {
		await client.query('begin');
		await client.query('alter table audit_event disable trigger audit_event_chain');
		await client.query(
			`insert into audit_event (chain_seq, recorded_at, event_type, action, outcome, actor_person_id,
				actor_organisation_id, participant_id, organisation_id, hash)
			 select 1000000 + g, timestamptz '2026-12-01 12:00+00' - g * interval '1 hour', 'goal.read',
				(case when g % 499 = 0 then 'D' when g % 7 = 0 then 'U' else 'R' end)::audit_action, 'success',
				('00000000-0000-4000-8000-' || lpad((g % 50)::text, 12, '0'))::uuid,
				(case when g % 4 = 0 then $2 else $1 end)::uuid,
				('00000000-0000-4000-8000-' || lpad((g % 200)::text, 12, '0'))::uuid,
				(case when g % 4 = 0 or g % 1000 = 1 then $2 else $1 end)::uuid, ''
			 from generate_series(1, 20000) g`,
			[mine.id, other.id]
		);
		await client.query('alter table audit_event enable trigger audit_event_chain');
		await client.query('commit');
		await client.query('analyze audit_event');
	} finally {
		client.release();
	}
});

describe('the log viewer’s queries use indexes that match their filters', () => {
	it('without filters: the organisation’s newest rows', async () => {
		expectIndexed(await viewerPlans({}), 'organisation_id');
	});

	it('by action', async () => {
		expectIndexed(await viewerPlans({ action: 'D' }), 'action');
	});

	it('by a period long ago', async () => {
		expectIndexed(await viewerPlans({ from: '2025-01-01', to: '2025-01-31' }), 'recorded_at');
	});

	it('by participant', async () => {
		expectIndexed(await viewerPlans({ participantId }), 'participant_id');
	});

	it('by person', async () => {
		expectIndexed(await viewerPlans({ actorPersonId }), 'actor_person_id');
	});

	it('answers newest first, with the rows its people wrote about other data, and each filter applied', async () => {
		const all =
			(await accessLogOfOrganisation(database.db, coordinator, {}, { limit: 200, purpose: 'view' })) ?? [];
		expect(all).toHaveLength(200);
		const times = all.map((row) => row.recordedAt.getTime());
		expect(times).toEqual([...times].sort((a, b) => b - a));
		const deletes =
			(await accessLogOfOrganisation(
				database.db,
				coordinator,
				{ action: 'D' },
				{ limit: 200, purpose: 'view' }
			)) ?? [];
		expect(deletes.length).toBeGreaterThan(20);
		expect(deletes.length).toBeLessThan(41);
		expect(deletes.every((row) => row.action === 'D')).toBe(true);
		const january =
			(await accessLogOfOrganisation(
				database.db,
				coordinator,
				{ from: '2025-01-01', to: '2025-01-31' },
				{ limit: 1000, purpose: 'view' }
			)) ?? [];
		// 744 hours, three in four of them this organisation's, and a few written by its people
		// about the other organisation.
		expect(january.length).toBeGreaterThan(540);
		expect(january.length).toBeLessThan(600);
		expect(january.every((row) => row.recordedAt.toISOString() < '2025-02-01')).toBe(true);
	});
});
