/**
 * Erasure (AVG art. 17): the participant, or a coordinator for them, asks for their data to be
 * erased; a coordinator of the organisation decides within the legal term (one month) and says why
 * anything is kept. Erasing deletes the person and their login identity in one transaction: every
 * row they own goes with them (./coverage.ts: only ON DELETE CASCADE or SET NULL references exist),
 * so it disappears from every screen and export at once, and the database tells every instance to
 * drop what its caches hold (the person trigger, auth/session-cache.ts). The access log keeps its rows
 * (NEN 7513: at least 5 years), which name the person by id only. Separate from deactivation
 * (people/lifecycle.ts), which turns the account off and keeps the data.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { addMonths, local } from '$lib/domain/schedule';
import type { Actor } from '$lib/domain/policy';
import { isParticipant, requireCoordinator, requireOrganisationPerson, requireOwnPrivacy } from '../access';
import { recordRefusal } from '../access/refusal';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { erasureRequest, person, user } from '../db/schema';
import { Conflict, Invalid, NotFound } from '../errors';
import { isRealEmail } from '../people/placeholder-email';
import { forgetExportsOf } from '../fhir/exports';
import { ownedCondition, ownedTables } from './coverage';

export type ErasureStatus = typeof erasureRequest.$inferSelect.status;

/** The participant's latest request, as their page shows it. */
export type OwnErasure =
	| { kind: 'none' }
	| { kind: 'open'; id: string; requestedAt: Date; dueOn: string; bySelf: boolean }
	| { kind: 'refused'; decidedAt: Date; reason: string | null }
	| { kind: 'withdrawn'; at: Date };

/** Someone to tell the outcome to, after the commit (the person is gone by then). */
export interface ErasureOutcome {
	status: 'erased' | 'refused';
	/** The organisation's FHIR bulk exports forgotten in the erasure: their files go after the commit. */
	exportIds: string[];
	email: string | null;
	locale: 'nl' | 'en';
	reason: string | null;
}

const today = () => local(new Date()).date;

async function openRequestOf(db: Db | Tx, personId: string) {
	const [row] = await db
		.select({ id: erasureRequest.id })
		.from(erasureRequest)
		.where(and(eq(erasureRequest.personId, personId), eq(erasureRequest.status, 'open')))
		.limit(1);
	return row;
}

async function insertRequest(
	tx: Tx,
	actor: Actor,
	subject: { personId: string; organisationId: string },
	bySelf: boolean
): Promise<string> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext('erasure'), hashtext(${subject.personId}))`);
	const open = await openRequestOf(tx, subject.personId);
	if (open) return open.id;
	const [row] = await tx
		.insert(erasureRequest)
		.values({
			organisationId: subject.organisationId,
			personId: subject.personId,
			requestedByPersonId: actor.personId,
			bySelf,
			dueOn: addMonths(today(), 1)
		})
		.returning({ id: erasureRequest.id });
	await record(tx, {
		eventType: 'erasure.request',
		action: 'C',
		actor,
		participantId: subject.personId,
		object: { type: 'erasure_request', id: row!.id }
	});
	return row!.id;
}

/** The participant asks for their data to be erased (a second ask while one is open is the same one). */
export async function requestOwnErasure(db: Db, actor: Actor): Promise<string> {
	const personId = requireOwnPrivacy(actor);
	if (!actor.organisationId) throw new NotFound('person');
	const organisationId = actor.organisationId;
	return db.transaction((tx) => insertRequest(tx, actor, { personId, organisationId }, true));
}

/** The participant withdraws their open request. */
export async function withdrawOwnErasure(db: Db, actor: Actor): Promise<void> {
	const personId = requireOwnPrivacy(actor);
	await db.transaction(async (tx) => {
		const open = await openRequestOf(tx, personId);
		if (!open) throw new NotFound('erasure_request');
		// Only while still open: a decision that came first stands.
		const withdrawn = await tx
			.update(erasureRequest)
			.set({ status: 'withdrawn', decidedAt: new Date(), decidedByPersonId: personId })
			.where(and(eq(erasureRequest.id, open.id), eq(erasureRequest.status, 'open')))
			.returning({ id: erasureRequest.id });
		if (withdrawn.length === 0) throw new Conflict('erasure_decided');
		await record(tx, {
			eventType: 'erasure.withdraw',
			action: 'U',
			actor,
			participantId: personId,
			object: { type: 'erasure_request', id: open.id }
		});
	});
}

/** The participant's latest request and its outcome. */
export async function ownErasure(db: Db, actor: Actor): Promise<OwnErasure> {
	const personId = requireOwnPrivacy(actor);
	const [row] = await db
		.select()
		.from(erasureRequest)
		.where(eq(erasureRequest.personId, personId))
		.orderBy(desc(erasureRequest.requestedAt), desc(erasureRequest.id))
		.limit(1);
	if (!row) return { kind: 'none' };
	if (row.status === 'open')
		return { kind: 'open', id: row.id, requestedAt: row.requestedAt, dueOn: row.dueOn, bySelf: row.bySelf };
	if (row.status === 'refused') return { kind: 'refused', decidedAt: row.decidedAt!, reason: row.reason };
	return { kind: 'withdrawn', at: row.decidedAt ?? row.requestedAt };
}

/** A coordinator enters a request for a participant of their organisation (a letter, a phone call). */
export async function requestErasureFor(db: Db, actor: Actor, personId: string): Promise<string> {
	const organisationId = requireCoordinator(actor);
	const subject = await requireOrganisationPerson(db, actor, personId, 'C');
	if (!isParticipant(subject)) throw new Invalid('person', 'erasure_participants_only');
	return db.transaction((tx) => insertRequest(tx, actor, { personId, organisationId }, false));
}

/** One line of the coordinator's list. */
export interface ErasureListItem {
	id: string;
	name: string | null;
	status: ErasureStatus;
	bySelf: boolean;
	requestedAt: Date;
	dueOn: string;
	decidedAt: Date | null;
}

export const ERASURE_PAGE_SIZE = 20;

/** The organisation's requests: open ones first (the oldest first), then decided ones (newest first). */
export async function erasureRequests(
	db: Db,
	actor: Actor,
	page: number
): Promise<{ items: ErasureListItem[]; hasMore: boolean }> {
	const organisationId = requireCoordinator(actor);
	const rows = await db
		.select({
			id: erasureRequest.id,
			name: person.displayName,
			status: erasureRequest.status,
			bySelf: erasureRequest.bySelf,
			requestedAt: erasureRequest.requestedAt,
			dueOn: erasureRequest.dueOn,
			decidedAt: erasureRequest.decidedAt
		})
		.from(erasureRequest)
		.leftJoin(person, eq(person.id, erasureRequest.personId))
		.where(eq(erasureRequest.organisationId, organisationId))
		.orderBy(
			sql`${erasureRequest.status} <> 'open'`,
			sql`case when ${erasureRequest.status} = 'open' then ${erasureRequest.requestedAt} end asc`,
			desc(erasureRequest.requestedAt),
			asc(erasureRequest.id)
		)
		.limit(ERASURE_PAGE_SIZE + 1)
		.offset(page * ERASURE_PAGE_SIZE);
	return { items: rows.slice(0, ERASURE_PAGE_SIZE), hasMore: rows.length > ERASURE_PAGE_SIZE };
}

/** One request for the coordinator's decision, with how many rows of each kind erasing removes. */
export interface ErasureDetail extends ErasureListItem {
	personId: string | null;
	reason: string | null;
	/** Rows the person owns, per table (only tables with rows). */
	owned: { table: string; rows: number }[];
}

async function requireRequest(db: Db | Tx, actor: Actor, requestId: string, action: 'R' | 'U') {
	const organisationId = requireCoordinator(actor);
	const [row] = /^[0-9a-f-]{36}$/i.test(requestId)
		? await db
				.select()
				.from(erasureRequest)
				.where(and(eq(erasureRequest.id, requestId), eq(erasureRequest.organisationId, organisationId)))
		: [];
	if (!row) {
		await recordRefusal(db, actor, { type: 'erasure_request', id: requestId }, action);
		throw new NotFound('erasure_request');
	}
	return row;
}

export async function erasureRequestOf(db: Db, actor: Actor, requestId: string): Promise<ErasureDetail> {
	const row = await requireRequest(db, actor, requestId, 'R');
	const [subject] = row.personId
		? await db
				.select({ name: person.displayName, userId: person.userId })
				.from(person)
				.where(eq(person.id, row.personId))
		: [];
	const owned: { table: string; rows: number }[] = [];
	if (row.personId && row.status === 'open') {
		// One count per table of the schema (a fixed number, whatever the organisation's size).
		const tables = ownedTables();
		const byName = new Map(tables.map((table) => [table.name, table]));
		const ids = { personId: row.personId, userId: subject?.userId ?? null };
		for (const table of tables) {
			const condition = ownedCondition(table, byName, ids);
			if (!condition) continue;
			const result = await db.execute<{ n: number }>(
				sql`select count(*)::int as n from ${sql.identifier(table.name)} where ${condition}`
			);
			const n = result.rows[0]?.n ?? 0;
			if (n > 0) owned.push({ table: table.name, rows: n });
		}
	}
	await record(db, {
		eventType: 'erasure.read',
		action: 'R',
		actor,
		participantId: row.personId,
		object: { type: 'erasure_request', id: row.id }
	});
	return {
		id: row.id,
		personId: row.personId,
		name: subject?.name ?? null,
		status: row.status,
		bySelf: row.bySelf,
		requestedAt: row.requestedAt,
		dueOn: row.dueOn,
		decidedAt: row.decidedAt,
		reason: row.reason,
		owned
	};
}

/**
 * The coordinator's decision. `erase`: the person, their login identity and every row they own are
 * deleted, the request is kept as erased with the coordinator's words. `refuse`: the request is
 * kept as refused with the reason (required). Returns whom to tell (after the commit).
 */
export async function decideErasure(
	db: Db,
	actor: Actor,
	requestId: string,
	decision: { erase: boolean; reason: string | null }
): Promise<ErasureOutcome> {
	if (!decision.erase && !decision.reason) throw new Invalid('reason', 'erasure_reason_required');
	// Outside the transaction: a refusal's row in the access log must not be rolled back with it.
	const found = await requireRequest(db, actor, requestId, 'U');
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(erasureRequest).where(eq(erasureRequest.id, found.id)).for('update');
		if (row?.status !== 'open' || !row.personId) throw new Conflict('erasure_decided');
		const [subject] = await tx
			.select({ userId: person.userId, email: user.email, locale: person.preferredLocale })
			.from(person)
			.leftJoin(user, eq(user.id, person.userId))
			.where(eq(person.id, row.personId));
		const outcome: ErasureOutcome = {
			status: decision.erase ? 'erased' : 'refused',
			exportIds: [],
			email: subject?.email && isRealEmail(subject.email) ? subject.email : null,
			locale: subject?.locale === 'en' ? 'en' : 'nl',
			reason: decision.reason
		};
		await tx
			.update(erasureRequest)
			.set({
				status: outcome.status,
				decidedAt: new Date(),
				decidedByPersonId: actor.personId,
				reason: decision.reason
			})
			.where(eq(erasureRequest.id, row.id));
		await record(tx, {
			eventType: decision.erase ? 'erasure.erase' : 'erasure.refuse',
			action: decision.erase ? 'D' : 'U',
			actor,
			participantId: row.personId,
			object: { type: 'erasure_request', id: row.id }
		});
		if (decision.erase) {
			// The person first (their rows go with them), then the login identity (sessions, passkeys).
			await tx.delete(person).where(eq(person.id, row.personId));
			if (subject?.userId) await tx.delete(user).where(eq(user.id, subject.userId));
			// Bulk exports made before (or being made) may hold the person: forgotten with them.
			outcome.exportIds = await forgetExportsOf(tx, row.organisationId);
		}
		return outcome;
	});
}
