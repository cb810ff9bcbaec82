/**
 * `npm run demo:history`: adds the lived-in history (history.ts) to an existing demo organisation,
 * once; a second run finds it there and adds nothing. Uses DATABASE_URL, or the embedded PostgreSQL
 * in DATA_DIR (running for the app, or started for this command and stopped after it).
 */
import { config } from '../config';
import { openCommandDatabase } from '../db/command';
import { migrateDatabase } from '../db/migrate';
import { seedDemoHistory } from './history';

export async function main(): Promise<number> {
	const settings = config();
	const database = await openCommandDatabase({
		databaseUrl: settings.databaseUrl,
		dataDir: settings.dataDir
	});
	try {
		await migrateDatabase(database.pool);
		const result = await seedDemoHistory(database.db);
		if (result.created) {
			console.log(
				`Added the demo history: ${result.groups} groups, ${result.participants} participants, ${result.trainers} trainers, ${result.rows} rows, in ${(result.ms / 1000).toFixed(1)} s.`
			);
			return 0;
		}
		console.log(
			'Nothing added: the demo organisation already has its history, or there is no demo organisation (start Herstelpad with DEMO=on first).'
		);
		return 0;
	} finally {
		await database.close();
	}
}
