/**
 * `npm run audit:verify`: checks the access log's hash chain on DATABASE_URL, or on the embedded
 * PostgreSQL in DATA_DIR (using the running server when the app runs, starting it otherwise).
 * Exit code 0 when the chain is whole, 1 when a row is broken, 2 when the check could not run.
 */
import path from 'node:path';
import { openDatabase } from '../db/client';
import { startEmbeddedPostgres } from '../db/embedded';
import { verifyChain } from './verify';

export async function main(): Promise<number> {
	const dataDir = path.resolve(process.env.DATA_DIR || './data');
	const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir });
	const database = openDatabase(process.env.DATABASE_URL || embedded?.url || '', 2);
	try {
		const report = await verifyChain(database.pool);
		if (report.ok) {
			console.log(`Access log is whole: ${report.rows} rows checked, every hash matches.`);
			return 0;
		}
		const { id, chainSeq, reason } = report.brokenAt;
		console.error(`Access log is broken at row id ${id} (chain position ${chainSeq}): ${reason}.`);
		console.error(`${report.rows} rows before it are whole.`);
		return 1;
	} finally {
		await database.close();
		await embedded?.stop();
	}
}
