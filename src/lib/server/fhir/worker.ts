/**
 * The export worker (pg-boss, same PostgreSQL): runs the bulk exports coordinators start, one at a
 * time per instance. Started by runtime.ts on every instance; the files go to that instance's data
 * directory, so with several instances DATA_DIR must be shared storage (as for media files).
 */
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Db } from '../db/client';
import { logger } from '../log';
import { runBulkExport } from './bulk';
import { createFhirExportQueue, FHIR_EXPORT_QUEUE } from './exports';

export interface FhirExportWorkerOptions {
	db: Db;
	pool: pg.Pool;
	dataDir: string;
	secret: string;
	pollingIntervalSeconds?: number;
}

export interface FhirExportWorker {
	boss: PgBoss;
	stop(): Promise<void>;
}

export async function startFhirExportWorker(options: FhirExportWorkerOptions): Promise<FhirExportWorker> {
	await createFhirExportQueue(options.pool);
	const boss = new PgBoss({
		db: { executeSql: (text, values) => options.pool.query(text, values) },
		schedule: false,
		supervise: true,
		migrate: false
	});
	boss.on('error', (error) => logger.warn({ err: String(error) }, 'fhir export jobs: error'));
	await boss.start();
	await boss.work<{ exportId: string }>(
		FHIR_EXPORT_QUEUE,
		{ batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
		async ([job]) => {
			if (!job) return;
			await runBulkExport(options.db, job.data.exportId, {
				dataDir: options.dataDir,
				secret: options.secret
			});
		}
	);
	return { boss, stop: () => boss.stop({ graceful: true, wait: true, close: false }) };
}
