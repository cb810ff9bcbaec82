/**
 * The export worker (pg-boss, same PostgreSQL): runs the bulk exports coordinators start, one at a
 * time per instance. Started by runtime.ts on every instance; the files go to that instance's data
 * directory, so with several instances DATA_DIR must be shared storage (as for media files).
 */
import type pg from 'pg';
import type { Db } from '../db/client';
import { startQueueWorker, type QueueWorker } from '../jobs';
import { runBulkExport } from './bulk';
import { FHIR_EXPORT_QUEUE, FHIR_EXPORT_QUEUE_SETTINGS } from './exports';

export interface FhirExportWorkerOptions {
	db: Db;
	pool: pg.Pool;
	dataDir: string;
	secret: string;
	pollingIntervalSeconds?: number;
}

export type FhirExportWorker = QueueWorker;

export async function startFhirExportWorker(options: FhirExportWorkerOptions): Promise<FhirExportWorker> {
	return startQueueWorker<{ exportId: string }>(
		options.pool,
		FHIR_EXPORT_QUEUE,
		FHIR_EXPORT_QUEUE_SETTINGS,
		(data) => runBulkExport(options.db, data.exportId, { dataDir: options.dataDir, secret: options.secret }),
		{ pollingIntervalSeconds: options.pollingIntervalSeconds }
	);
}
