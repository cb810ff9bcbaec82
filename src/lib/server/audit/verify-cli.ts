/**
 * `npm run audit:verify`: checks the access log's hash chain on DATABASE_URL, or on the embedded
 * PostgreSQL in DATA_DIR (using the running server when the app runs, starting it otherwise).
 * Exit code 0 when the chain is whole, 1 when a row is broken, 2 when the check could not run.
 */
import { openCommandDatabase } from '../db/command';
import { describeChainReport, verifyChain } from './verify';

export async function main(): Promise<number> {
	const database = await openCommandDatabase();
	try {
		const report = await verifyChain(database.pool);
		const lines = describeChainReport(report);
		for (const line of lines) (report.ok ? console.log : console.error)(line);
		return report.ok ? 0 : 1;
	} finally {
		await database.close();
	}
}
