/**
 * The organisation's bulk export in the shape of FHIR Bulk Data: one NDJSON file per resource type
 * under DATA_DIR/fhir-export/<export id>/, written by the pg-boss job (./worker.ts). Memory stays
 * flat: participants are read in pages by keyset (their id), the access log by (recorded_at, id),
 * and every line is written through the file stream's back-pressure, so nothing holds more than one
 * page. Progress (0–100) is the share of participants written, kept on the export's row.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { and, asc, count, eq, gt, gte, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Locale } from '$lib/paraglide/runtime.js';
import type { Db } from '../db/client';
import { auditEvent, fhirExport, person, questionnaire, type FhirExportFile } from '../db/schema';
import { logger } from '../log';
import { auditEventResource } from './audit-event';
import { patientPseudonym } from './ids';
import { questionnaireResource } from './mappers';
import { newRecordCache, participantResources, PARTICIPANT_TYPES } from './records';

/** Every resource type the bulk export writes, in this order. */
export const BULK_TYPES = [...PARTICIPANT_TYPES, 'Questionnaire', 'AuditEvent'] as const;
export type BulkType = (typeof BULK_TYPES)[number];

export const isBulkType = (value: string): value is BulkType =>
	(BULK_TYPES as readonly string[]).includes(value);

/** The directory of one export's files. */
export const exportDir = (dataDir: string, exportId: string) => path.join(dataDir, 'fhir-export', exportId);

/** The file of one resource type, or null when the type is not one the export writes. */
export function exportFilePath(dataDir: string, exportId: string, type: string): string | null {
	return isBulkType(type) ? path.join(exportDir(dataDir, exportId), `${type}.ndjson`) : null;
}

export interface RunOptions {
	dataDir: string;
	secret: string;
	/** Participants per page (each page is read in a few queries). */
	pageSize?: number;
	locale?: Locale;
	now?: Date;
}

/** One NDJSON file being written, with back-pressure and its line count. */
class NdjsonFile {
	count = 0;
	private readonly stream: fs.WriteStream;
	constructor(readonly file: string) {
		this.stream = fs.createWriteStream(file);
	}
	async write(resource: object): Promise<void> {
		this.count++;
		if (!this.stream.write(`${JSON.stringify(resource)}\n`)) await once(this.stream, 'drain');
	}
	async close(): Promise<void> {
		this.stream.end();
		await once(this.stream, 'finish');
	}
}

async function setProgress(db: Db, exportId: string, progress: number): Promise<void> {
	await db.update(fhirExport).set({ progress }).where(eq(fhirExport.id, exportId));
}

/**
 * Writes the files of a queued (or interrupted) export and marks it done; on an error marks it
 * failed and removes what was written. Running it again rewrites it from the start.
 */
export async function runBulkExport(db: Db, exportId: string, options: RunOptions): Promise<void> {
	const [job] = await db.select().from(fhirExport).where(eq(fhirExport.id, exportId));
	if (!job || job.status === 'done') return;
	const started = await db
		.update(fhirExport)
		.set({ status: 'running', progress: 0 })
		.where(eq(fhirExport.id, exportId))
		.returning({ id: fhirExport.id });
	// Forgotten meanwhile (an erasure): nothing to write.
	if (started.length === 0) return;
	const dir = exportDir(options.dataDir, exportId);
	await fsp.rm(dir, { recursive: true, force: true });
	await fsp.mkdir(dir, { recursive: true });
	const types = job.types.filter(isBulkType);
	const files = new Map(types.map((type) => [type, new NdjsonFile(path.join(dir, `${type}.ndjson`))]));
	try {
		await writeBulk(db, job, files, options);
		for (const file of files.values()) await file.close();
		const written: FhirExportFile[] = types.map((type) => ({ type, count: files.get(type)!.count }));
		const done = await db
			.update(fhirExport)
			.set({ status: 'done', progress: 100, files: written, finishedAt: new Date() })
			.where(eq(fhirExport.id, exportId))
			.returning({ id: fhirExport.id });
		// An erasure forgot the export while it was written: its files may hold the erased person.
		if (done.length === 0) await fsp.rm(dir, { recursive: true, force: true });
	} catch (error) {
		for (const file of files.values()) await file.close().catch(() => undefined);
		await fsp.rm(dir, { recursive: true, force: true });
		logger.error({ err: String(error), exportId }, 'fhir export failed');
		await db
			.update(fhirExport)
			.set({ status: 'failed', error: 'The export could not be written.', finishedAt: new Date() })
			.where(eq(fhirExport.id, exportId));
	}
}

async function writeBulk(
	db: Db,
	job: typeof fhirExport.$inferSelect,
	files: Map<BulkType, NdjsonFile>,
	options: RunOptions
): Promise<void> {
	const organisationId = job.organisationId;
	const locale = options.locale ?? 'nl';
	const now = options.now ?? new Date();
	const pageSize = options.pageSize ?? 25;
	const participantFiles = PARTICIPANT_TYPES.filter((type) => files.has(type));
	if (participantFiles.length > 0) {
		const isParticipant = and(eq(person.organisationId, organisationId), eq(person.role, 'participant'));
		const [total] = await db.select({ n: count() }).from(person).where(isParticipant);
		const cache = newRecordCache();
		let after: string | null = null;
		let done = 0;
		for (;;) {
			const page: { id: string }[] = await db
				.select({ id: person.id })
				.from(person)
				.where(after ? and(isParticipant, gt(person.id, after)) : isParticipant)
				.orderBy(asc(person.id))
				.limit(pageSize);
			if (page.length === 0) break;
			after = page.at(-1)!.id;
			const resources = await participantResources(
				db,
				organisationId,
				page.map((row) => row.id),
				{
					secret: options.secret,
					locale,
					since: job.since,
					today: now.toISOString().slice(0, 10),
					cache,
					parallel: true
				}
			);
			for (const type of participantFiles)
				for (const resource of resources[type]) await files.get(type)!.write(resource);
			done += page.length;
			await setProgress(db, job.id, Math.min(95, Math.floor((done / Math.max(1, total?.n ?? 1)) * 95)));
		}
	}
	const questionnaires = files.get('Questionnaire');
	if (questionnaires) {
		const rows = await db
			.select({ id: questionnaire.id, definition: questionnaire.definition })
			.from(questionnaire)
			.where(
				and(
					or(eq(questionnaire.organisationId, organisationId), isNull(questionnaire.organisationId)),
					job.since ? gte(questionnaire.createdAt, job.since) : undefined
				)
			)
			.orderBy(asc(questionnaire.createdAt));
		for (const row of rows) await questionnaires.write(questionnaireResource(row));
	}
	const auditEvents = files.get('AuditEvent');
	if (auditEvents) await writeAuditEvents(db, job, auditEvents, options.secret, locale, pageSize * 20);
}

/** The organisation's access log, oldest first, in pages by (recorded_at, id). */
async function writeAuditEvents(
	db: Db,
	job: typeof fhirExport.$inferSelect,
	file: NdjsonFile,
	secret: string,
	locale: Locale,
	pageSize: number
): Promise<void> {
	const pseudonyms = new Map<string, string>();
	// A person's pseudonym is the same as their Patient id; ids repeat, so each is hashed once per page.
	const pseudonym = (id: string) => {
		let value = pseudonyms.get(id);
		if (!value) {
			value = patientPseudonym(secret, id);
			pseudonyms.set(id, value);
		}
		return value;
	};
	// The cursor keeps the moment as PostgreSQL's text: a Date would drop the microseconds.
	let after: { at: string; id: number } | null = null;
	for (;;) {
		const conditions: (SQL | undefined)[] = [
			eq(auditEvent.organisationId, job.organisationId),
			job.since ? gte(auditEvent.recordedAt, job.since) : undefined,
			after
				? sql`(${auditEvent.recordedAt}, ${auditEvent.id}) > (${after.at}::timestamptz, ${after.id})`
				: undefined
		];
		const rows = await db
			.select({
				id: auditEvent.id,
				recordedAt: auditEvent.recordedAt,
				eventType: auditEvent.eventType,
				action: auditEvent.action,
				outcome: auditEvent.outcome,
				actorPersonId: auditEvent.actorPersonId,
				actorRole: auditEvent.actorRole,
				onBehalfOfPersonId: auditEvent.onBehalfOfPersonId,
				participantId: auditEvent.participantId,
				participantIds: auditEvent.participantIds,
				objectType: auditEvent.objectType,
				objectId: auditEvent.objectId,
				accessPoint: auditEvent.accessPoint,
				cursor: sql<string>`${auditEvent.recordedAt}::text`
			})
			.from(auditEvent)
			.where(and(...conditions))
			.orderBy(asc(auditEvent.recordedAt), asc(auditEvent.id))
			.limit(pageSize);
		if (rows.length === 0) return;
		const last = rows.at(-1)!;
		after = { at: last.cursor, id: last.id };
		for (const row of rows) await file.write(auditEventResource(row, pseudonym, locale));
		pseudonyms.clear();
	}
}
