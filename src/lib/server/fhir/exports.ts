/**
 * The bulk export as a capability: a coordinator starts one (the row and its pg-boss job in one
 * transaction, with its access-log row), asks how far it is, lists the recent ones and downloads a
 * file (each download one access-log row). The job itself is ./bulk.ts, run by ./worker.ts.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { desc, eq } from 'drizzle-orm';
import type pg from 'pg';
import type { Actor } from '$lib/domain/policy';
import { requireBulkExporter, requireOwnExport } from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { logger } from '../log';
import { fhirExport } from '../db/schema';
import { NotFound } from '../errors';
import { installQueue, queueJob } from '../jobs';
import { BULK_TYPES, exportDir, exportFilePath, type BulkType } from './bulk';

export const FHIR_EXPORT_QUEUE = 'fhir-export';

/** The queue's settings: a big export may run for minutes; a worker that died is retried. */
export const FHIR_EXPORT_QUEUE_SETTINGS = { retryLimit: 2, retryDelay: 30, expireInSeconds: 3600 };

/** The recent exports the coordinator's page lists. */
export const RECENT_EXPORTS = 10;

export type FhirExportRow = typeof fhirExport.$inferSelect;

/** Installs the export queue if it is not there yet (pg-boss's own tables must exist). */
export async function createFhirExportQueue(pool: pg.Pool): Promise<void> {
	await installQueue(pool, FHIR_EXPORT_QUEUE, FHIR_EXPORT_QUEUE_SETTINGS);
}

/**
 * Starts a bulk export of the actor's organisation (its coordinator only): everything, or what
 * changed since `since`, of `types` (all by default). Returns the export's row.
 */
export async function startBulkExport(
	db: Db,
	actor: Actor,
	input: { since: Date | null; types?: BulkType[] }
): Promise<FhirExportRow> {
	const organisationId = await requireBulkExporter(db, actor);
	const types = BULK_TYPES.filter((type) => !input.types || input.types.includes(type));
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(fhirExport)
			.values({ organisationId, requestedByPersonId: actor.personId, since: input.since, types })
			.returning();
		if (!row) throw new Error('export not created');
		await queueJob(tx, FHIR_EXPORT_QUEUE, { exportId: row.id });
		await record(tx, {
			eventType: 'fhir.bulk_export',
			action: 'E',
			actor,
			organisationId,
			object: { type: 'fhir_export', id: row.id }
		});
		return row;
	});
}

/** The organisation whose exports the actor runs (its coordinator); Forbidden, logged, otherwise. */
export async function bulkExporterOf(db: Db, actor: Actor): Promise<string> {
	return requireBulkExporter(db, actor);
}

/** One export of the actor's organisation, for its status (NotFound, logged, for any other). */
export async function bulkExportOf(db: Db, actor: Actor, exportId: string): Promise<FhirExportRow> {
	return requireOwnExport(db, actor, exportId);
}

/** The organisation's recent exports, newest first (the coordinator's page). */
export async function recentExports(db: Db, actor: Actor): Promise<FhirExportRow[]> {
	const organisationId = await requireBulkExporter(db, actor);
	return db
		.select()
		.from(fhirExport)
		.where(eq(fhirExport.organisationId, organisationId))
		.orderBy(desc(fhirExport.createdAt))
		.limit(RECENT_EXPORTS);
}

/**
 * A finished export's file of one resource type, opened for streaming, with the download in the
 * access log; NotFound for another organisation's export, an unfinished one, or a type it lacks.
 */
export async function openExportFile(
	db: Db,
	actor: Actor,
	exportId: string,
	type: string,
	dataDir: string
): Promise<ReadableStream<Uint8Array>> {
	const row = await requireOwnExport(db, actor, exportId);
	const file = exportFilePath(dataDir, row.id, type);
	if (row.status !== 'done' || !file || !row.files.some((one) => one.type === type) || !fs.existsSync(file))
		throw new NotFound('fhir_export_file');
	const handle = await fsp.open(file);
	await record(db, {
		eventType: 'fhir.bulk_download',
		action: 'E',
		actor,
		organisationId: row.organisationId,
		object: { type: 'fhir_export_file', id: `${row.id}/${type}` }
	});
	return fileStream(handle);
}

/** The file's bytes, read only as fast as the client takes them (64 KB at a time), then closed. */
function fileStream(handle: fsp.FileHandle): ReadableStream<Uint8Array> {
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				const chunk = Buffer.allocUnsafe(64 * 1024);
				const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
				if (bytesRead === 0) {
					await handle.close();
					controller.close();
				} else controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, bytesRead));
			},
			async cancel() {
				await handle.close();
			}
		},
		{ highWaterMark: 1 }
	);
}

/** The Bulk Data manifest of a finished export: one output per file, with its URL and count. */
export function manifestOf(row: FhirExportRow, base: string) {
	const query = new URLSearchParams();
	if (row.since) query.set('_since', row.since.toISOString());
	if (row.types.length < BULK_TYPES.length) query.set('_type', row.types.join(','));
	const search = query.size > 0 ? `?${query}` : '';
	return {
		transactionTime: row.createdAt.toISOString(),
		request: `${base}/$export${search}`,
		requiresAccessToken: true,
		output: row.files.map((file) => ({
			type: file.type,
			url: `${base}/export/${row.id}/${file.type}.ndjson`,
			count: file.count
		})),
		error: []
	};
}

/**
 * Forgets every bulk export of the organisation (after an erasure: a finished one, or one being
 * written, may hold the erased person). Called in the erasure's transaction; returns the ids whose
 * files removeExportFiles deletes after the commit. A job still writing finds its row gone and
 * removes what it wrote (bulk.ts).
 */
export async function forgetExportsOf(tx: Tx, organisationId: string): Promise<string[]> {
	const removed = await tx
		.delete(fhirExport)
		.where(eq(fhirExport.organisationId, organisationId))
		.returning({ id: fhirExport.id });
	return removed.map((row) => row.id);
}

/** Deletes the files of forgotten exports (after the commit); a failure is logged, never thrown. */
export async function removeExportFiles(ids: string[], dataDir: string): Promise<void> {
	for (const id of ids)
		await fsp
			.rm(exportDir(dataDir, id), { recursive: true, force: true })
			.catch((error: unknown) =>
				logger.warn({ err: String(error), exportId: id }, 'export files not removed')
			);
}
