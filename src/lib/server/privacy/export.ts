/**
 * "My data": the participant downloads everything Herstelpad holds about them, as a zip with one JSON
 * file, a CSV per kind and the PDF workbook. A pg-boss job prepares it (the page shows how far it is);
 * the zip is downloadable once, by the participant signed in, within 24 hours, and its bytes are
 * removed when it is taken. Which tables it reads comes from the schema (./coverage.ts): every row
 * that belongs to the participant. Other people appear only as their role ("trainer", "another
 * participant"), never by name or id; secrets (token hashes, keys) are left out.
 */
import { Readable } from 'node:stream';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type pg from 'pg';
import type { Actor } from '$lib/domain/policy';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';
import { recordRefusal, requireOwnPrivacy } from '../access';
import { actorColumns } from '../auth/actor';
import { csvField } from '../audit/csv';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { auditEvent, dataExport, organisation, person, user } from '../db/schema';
import { NotFound } from '../errors';
import { installQueue, queueJob, startQueueWorker, type QueueWorker } from '../jobs';
import { logger } from '../log';
import { workbookContent } from '../workbook/pdf/content';
import { renderWorkbook } from '../workbook/pdf/render';
import { OWN_ROWS_ONLY, ownedCondition, ownedTables, SECRET_COLUMN, type OwnedTable } from './coverage';

export const DATA_EXPORT_QUEUE = 'privacy-data-export';
export const DATA_EXPORT_QUEUE_SETTINGS = { retryLimit: 2, retryDelay: 10, expireInSeconds: 900 };

/** A request still not done after this long has failed (its retries are over); a new one may start. */
const STUCK_AFTER_MS = 60 * 60 * 1000;

/** How long a prepared download waits for the participant. */
export const DOWNLOAD_VALID_MS = 24 * 60 * 60 * 1000;

/** The access log rows the export holds: the newest, at most this many (years of ordinary use). */
export const ACCESS_LOG_ROWS = 20_000;

export type DataExportRow = Omit<typeof dataExport.$inferSelect, 'zip'>;

const rowColumns = {
	id: dataExport.id,
	personId: dataExport.personId,
	status: dataExport.status,
	progress: dataExport.progress,
	locale: dataExport.locale,
	expiresAt: dataExport.expiresAt,
	downloadedAt: dataExport.downloadedAt,
	createdAt: dataExport.createdAt,
	finishedAt: dataExport.finishedAt
};

/** What the participant's page shows about their latest export. */
export type ExportState =
	| { kind: 'none' }
	| { kind: 'working'; id: string; progress: number }
	| { kind: 'ready'; id: string; expiresAt: Date }
	| { kind: 'taken'; at: Date }
	| { kind: 'expired' }
	| { kind: 'failed' };

export function exportState(row: DataExportRow | undefined, now = new Date()): ExportState {
	if (!row) return { kind: 'none' };
	if (row.status === 'queued' || row.status === 'running') {
		// A job whose worker died is retried by pg-boss; after an hour it has failed for good.
		if (now.getTime() - row.createdAt.getTime() > STUCK_AFTER_MS) return { kind: 'failed' };
		return { kind: 'working', id: row.id, progress: row.progress };
	}
	if (row.status === 'failed') return { kind: 'failed' };
	if (row.downloadedAt) return { kind: 'taken', at: row.downloadedAt };
	if (!row.expiresAt || row.expiresAt <= now) return { kind: 'expired' };
	return { kind: 'ready', id: row.id, expiresAt: row.expiresAt };
}

async function latestOf(db: Db | Tx, personId: string): Promise<DataExportRow | undefined> {
	const [row] = await db
		.select(rowColumns)
		.from(dataExport)
		.where(eq(dataExport.personId, personId))
		.orderBy(desc(dataExport.createdAt), desc(dataExport.id))
		.limit(1);
	return row;
}

/** The participant's latest export, as their page shows it. */
export async function ownExportState(db: Db, actor: Actor): Promise<ExportState> {
	return exportState(await latestOf(db, requireOwnPrivacy(actor)));
}

/**
 * Starts preparing the participant's download (one at a time: while one is being prepared or waits
 * to be taken, a second request gets that one).
 */
export async function requestOwnExport(db: Db, actor: Actor, locale: Locale): Promise<ExportState> {
	const personId = requireOwnPrivacy(actor);
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext('data_export'), hashtext(${personId}))`);
		const current = exportState(await latestOf(tx, personId));
		if (current.kind === 'working' || current.kind === 'ready') return current;
		const [row] = await tx.insert(dataExport).values({ personId, locale }).returning(rowColumns);
		await queueJob(tx, DATA_EXPORT_QUEUE, { exportId: row!.id });
		await record(tx, {
			eventType: 'privacy.export_request',
			action: 'E',
			actor,
			participantId: personId,
			object: { type: 'data_export', id: row!.id }
		});
		return exportState(row);
	});
}

/**
 * The prepared zip, taken once: the bytes are removed in the same transaction that logs the download,
 * so a second request (or a second tab) gets NotFound.
 */
export async function takeOwnExport(db: Db, actor: Actor, exportId: string): Promise<Uint8Array> {
	const personId = requireOwnPrivacy(actor);
	const zip = await db.transaction(async (tx) => {
		const [row] = await tx
			.select({ zip: dataExport.zip })
			.from(dataExport)
			.where(
				and(
					eq(dataExport.id, exportId),
					eq(dataExport.personId, personId),
					eq(dataExport.status, 'done'),
					isNull(dataExport.downloadedAt),
					gt(dataExport.expiresAt, new Date())
				)
			)
			.for('update');
		if (!row?.zip) return null;
		await tx
			.update(dataExport)
			.set({ downloadedAt: new Date(), zip: null })
			.where(eq(dataExport.id, exportId));
		await record(tx, {
			eventType: 'privacy.export_download',
			action: 'E',
			actor,
			participantId: personId,
			object: { type: 'data_export', id: exportId }
		});
		return new Uint8Array(row.zip);
	});
	if (zip) return zip;
	// Someone else's, taken, expired or unknown: refused, and the refusal logged (outside the rolled-back work).
	await recordRefusal(db, actor, { type: 'data_export', id: exportId }, 'E');
	throw new NotFound('data_export');
}

/** Removes the bytes of downloads nobody took in time (the retention job calls it daily). */
export async function dropExpiredExports(db: Db, now = new Date()): Promise<number> {
	const dropped = await db
		.update(dataExport)
		.set({ zip: null })
		.where(and(lt(dataExport.expiresAt, now), sql`${dataExport.zip} is not null`))
		.returning({ id: dataExport.id });
	return dropped.length;
}

type Row = Record<string, unknown>;

/** A role as the export names another person. */
function roleWord(role: string | undefined, locale: Locale): string {
	const options = { locale };
	if (role === 'trainer') return m.privacy_export_role_trainer({}, options);
	if (role === 'participant') return m.privacy_export_role_participant({}, options);
	if (role === 'significant_other') return m.privacy_export_role_naaste({}, options);
	if (role === 'coordinator') return m.privacy_export_role_coordinator({}, options);
	return m.privacy_export_role_other({}, options);
}

/** The participant's own rows of one table (directly, or through a parent row of theirs). */
async function ownRows(
	db: Db,
	table: OwnedTable,
	tables: Map<string, OwnedTable>,
	ids: { personId: string; userId: string | null }
): Promise<Row[]> {
	const condition = ownedCondition(table, tables, ids);
	if (!condition) return [];
	const result = await db.execute<Row>(
		sql`select * from ${sql.identifier(table.name)} where ${condition} limit 50000`
	);
	return result.rows;
}

/** One CSV file: a header of the columns, then the rows (objects as JSON). */
function toCsv(rows: Row[]): string {
	const columns = Object.keys(rows[0] ?? {});
	const field = (value: unknown) =>
		csvField(
			value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value
		);
	return [
		columns.join(','),
		...rows.map((row) => columns.map((column) => field(row[column])).join(','))
	].join('\r\n');
}

async function pdfBytes(stream: Readable): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Prepares one export (the job): every owned row of every table, the access log about the
 * participant, and the PDF workbook, zipped. Progress is written as it goes.
 */
export async function runDataExport(db: Db, exportId: string): Promise<void> {
	const [job] = await db
		.update(dataExport)
		.set({ status: 'running', progress: 0 })
		.where(and(eq(dataExport.id, exportId), sql`${dataExport.status} in ('queued', 'running')`))
		.returning(rowColumns);
	if (!job) return;
	try {
		const zip = await buildZip(db, job, async (progress) => {
			await db.update(dataExport).set({ progress }).where(eq(dataExport.id, exportId));
		});
		const now = new Date();
		await db
			.update(dataExport)
			.set({
				status: 'done',
				progress: 100,
				zip: Buffer.from(zip),
				finishedAt: now,
				expiresAt: new Date(now.getTime() + DOWNLOAD_VALID_MS)
			})
			.where(eq(dataExport.id, exportId));
	} catch (error) {
		logger.error({ err: String(error), exportId }, 'own-data export failed');
		await db.update(dataExport).set({ status: 'failed' }).where(eq(dataExport.id, exportId));
	}
}

async function buildZip(db: Db, job: DataExportRow, progress: (percent: number) => Promise<void>) {
	const locale = (job.locale === 'en' ? 'en' : 'nl') as Locale;
	const [subject] = await db
		.select({ ...actorColumns, userId: person.userId, email: user.email, phone: person.phone })
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.leftJoin(user, eq(user.id, person.userId))
		.where(eq(person.id, job.personId));
	if (!subject) throw new Error('the person of the export is gone');
	const ids = { personId: subject.personId, userId: subject.userId };
	const tables = ownedTables()
		.filter((table) => table.name !== 'data_export')
		.map((table) => (table.name in OWN_ROWS_ONLY ? { ...table, parents: [] } : table));
	const byName = new Map(tables.map((table) => [table.name, table]));
	const collected: Record<string, Row[]> = {};
	const others = new Set<string>();
	for (const [index, table] of tables.entries()) {
		const rows = await ownRows(db, table, byName, ids);
		const personColumns = new Set(
			table.references
				.filter((reference) => reference.target === 'person')
				.map((reference) => reference.column)
		);
		for (const row of rows)
			for (const column of personColumns) {
				const value = row[column];
				if (typeof value === 'string' && value !== ids.personId) others.add(value);
			}
		if (rows.length > 0) collected[table.name] = rows;
		if (index % 8 === 7) await progress(Math.round(((index + 1) / tables.length) * 70));
	}
	// Other people by their role only: one query for all of them (one array parameter, ids are uuids).
	const roles = new Map<string, string>();
	if (others.size > 0) {
		const found = await db.execute<{ id: string; role: string }>(
			sql`select ${person.id} as id, ${person.role} as role from ${person} where ${person.id} = any(${`{${[...others].join(',')}}`}::uuid[])`
		);
		for (const row of found.rows) roles.set(row.id, row.role);
	}
	const files: Zippable = {};
	const data: Record<string, Row[]> = {};
	for (const [name, rows] of Object.entries(collected)) {
		const table = byName.get(name)!;
		const personColumns = new Set(
			table.references
				.filter((reference) => reference.target === 'person')
				.map((reference) => reference.column)
		);
		const userColumns = new Set(
			table.references.filter((reference) => reference.target === 'user').map((reference) => reference.column)
		);
		const cleaned = rows.map((row) => {
			const out: Row = {};
			for (const [column, value] of Object.entries(row)) {
				if (SECRET_COLUMN.test(column) || userColumns.has(column)) continue;
				if (personColumns.has(column) && typeof value === 'string')
					out[column] =
						value === ids.personId
							? m.privacy_export_you({}, { locale })
							: roleWord(roles.get(value), locale);
				else out[column] = value;
			}
			return out;
		});
		data[name] = cleaned;
		files[`csv/${name}.csv`] = strToU8(toCsv(cleaned));
	}
	const log = await db
		.select({
			recordedAt: auditEvent.recordedAt,
			eventType: auditEvent.eventType,
			action: auditEvent.action,
			outcome: auditEvent.outcome,
			actorRole: auditEvent.actorRole,
			objectType: auditEvent.objectType
		})
		.from(auditEvent)
		.where(eq(auditEvent.participantId, job.personId))
		.orderBy(desc(auditEvent.recordedAt))
		.limit(ACCESS_LOG_ROWS);
	data.access_log = log;
	if (log.length > 0) files['csv/access_log.csv'] = strToU8(toCsv(log));
	await progress(80);
	const account = {
		name: subject.displayName,
		email: subject.email,
		phone: subject.phone,
		organisation: subject.organisationName
	};
	files['gegevens.json'] = strToU8(
		JSON.stringify({ exportedAt: new Date().toISOString(), account, data }, null, 2)
	);
	files['LEESMIJ.txt'] = strToU8(m.privacy_export_readme({}, { locale }));
	const actor: Actor = {
		...subject,
		organisationIsDemo: subject.organisationIsDemo ?? false,
		userId: subject.userId ?? ''
	};
	const content = await workbookContent(db, actor, job.personId, locale);
	files['werkboek.pdf'] = await pdfBytes(renderWorkbook(content, { largePrint: false }));
	await progress(95);
	return zipSync(files, { level: 6 });
}

/** Installs the queue (start-up). */
export async function createDataExportQueue(pool: pg.Pool): Promise<void> {
	await installQueue(pool, DATA_EXPORT_QUEUE, DATA_EXPORT_QUEUE_SETTINGS);
}

/** The worker on this instance. */
export function startDataExportWorker(
	db: Db,
	pool: pg.Pool,
	options: { pollingIntervalSeconds?: number } = {}
): Promise<QueueWorker> {
	return startQueueWorker<{ exportId: string }>(
		pool,
		DATA_EXPORT_QUEUE,
		DATA_EXPORT_QUEUE_SETTINGS,
		(data) => runDataExport(db, data.exportId),
		options
	);
}
