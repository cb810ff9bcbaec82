// `npm run bench:backup`: the time and size of `npm run backup` and `npm run restore` (issue 22 item 3),
// each run as the operator runs it, a process on the embedded PostgreSQL of a fresh DATA_DIR.
// The source is the demo organisation with its lived-in history and the starter curricula's media; with
// `--participants N` also an organisation of N participants with a year of check-ins, home practice and
// access log (bench/seed-organisation.js). The restore goes into a second fresh DATA_DIR; afterwards every
// table's row count is compared between the two databases.
//   node bench/backup.js [--participants 1000]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { importTypeScript } from '../scripts/run-ts.js';
import { embeddedDatabaseUrl, seedOrganisation } from './seed-organisation.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { participants: { type: 'string', default: '0' } } });
const PARTICIPANTS = Number(values.participants);
const SECRET = 'bench-backup-secret-at-least-32-characters';

/** Runs an npm script's file as a process on DATA_DIR `dataDir`; its wall time in seconds. */
function run(/** @type {string} */ script, /** @type {string[]} */ args, /** @type {string} */ dataDir) {
	const env = { ...process.env, DATA_DIR: dataDir };
	delete env.DATABASE_URL;
	delete env.AUTH_SECRET;
	const started = performance.now();
	const result = spawnSync(process.execPath, [script, ...args], { cwd: root, env, encoding: 'utf8' });
	const seconds = (performance.now() - started) / 1000;
	if (result.status !== 0)
		throw new Error(`${script} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
	return { seconds, stdout: result.stdout };
}

/** Row count per table, with the embedded server of `dataDir` started by a command that keeps running. */
async function rowCounts(/** @type {string} */ url) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const { rows } = await client.query(
		`select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
		  where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by relname`
	);
	/** @type {Record<string, number>} */
	const counts = {};
	for (const { name } of rows) {
		counts[name] = (await client.query(`select count(*)::int as n from "${name}"`)).rows[0].n;
	}
	const size = (await client.query('select pg_database_size(current_database())::bigint as bytes')).rows[0]
		.bytes;
	await client.end();
	return { counts, databaseBytes: Number(size) };
}

function directoryBytes(/** @type {string} */ dir) {
	let total = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
	}
	return total;
}

/**
 * The demo organisation with its lived-in history and the starter curricula with their media, as a first
 * start with DEMO=on makes it. @param {(file: string) => Promise<any>} load @param {string} url @param {string} dataDir
 */
async function seedDemoOrganisation(load, url, dataDir) {
	const { openDatabase } = await load('src/lib/server/db/client.ts');
	const { migrateDatabase } = await load('src/lib/server/db/migrate.ts');
	const { seedDemo } = await load('src/lib/server/demo/seed.ts');
	const { importStarterCurricula } = await load('src/lib/server/curriculum/import.ts');
	const { seedDemoHistory } = await load('src/lib/server/demo/history.ts');
	const database = openDatabase(url, 2);
	try {
		await migrateDatabase(database.pool);
		await seedDemo(database.db, SECRET);
		await importStarterCurricula(database.db, dataDir);
		return (await seedDemoHistory(database.db)).rows;
	} finally {
		await database.close();
	}
}

const mb = (/** @type {number} */ bytes) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-bench-backup-'));
fs.chmodSync(work, 0o755);
const source = path.join(work, 'source');
const target = path.join(work, 'target');
const backup = path.join(work, 'backup');
try {
	const load = importTypeScript;
	const embedded = await load('src/lib/server/db/embedded.ts');
	const server = await embedded.startEmbeddedPostgres({ dataDir: source });
	fs.writeFileSync(path.join(source, 'auth-secret'), SECRET, { mode: 0o600 });
	const historyRows = await seedDemoOrganisation(load, server.url, source);
	if (PARTICIPANTS > 0) {
		const client = new pg.Client({ connectionString: server.url });
		await client.connect();
		await seedOrganisation(client, { participants: PARTICIPANTS, slug: 'bench' });
		await client.end();
	}
	const before = await rowCounts(server.url);
	await server.stop();

	const made = run('scripts/backup.js', ['--to', backup], source);
	const restored = run('scripts/restore.js', ['--from', backup], target);
	const targetServer = await embedded.startEmbeddedPostgres({ dataDir: target });
	const after = await rowCounts(embeddedDatabaseUrl(target));
	await targetServer.stop();

	const rows = Object.values(before.counts).reduce((sum, n) => sum + n, 0);
	const different = Object.keys(before.counts).filter((name) => before.counts[name] !== after.counts[name]);
	const manifest = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8'));
	const mediaBytes = manifest.files.reduce(
		(/** @type {number} */ sum, /** @type {{ bytes: number }} */ f) => sum + f.bytes,
		0
	);
	console.log(
		JSON.stringify(
			{
				organisation:
					PARTICIPANTS > 0 ? `demo with history + ${PARTICIPANTS} participants` : 'demo with history',
				historyRows,
				tables: Object.keys(before.counts).length,
				rows,
				auditRows: before.counts.audit_event,
				databaseSize: mb(before.databaseBytes),
				backupSize: mb(directoryBytes(backup)),
				mediaFiles: manifest.files.length - 1,
				mediaSize: mb(mediaBytes),
				backupSeconds: Math.round(made.seconds * 10) / 10,
				restoreSeconds: Math.round(restored.seconds * 10) / 10,
				restoreLastLines: restored.stdout.trim().split('\n').slice(-2),
				rowCountsEqual: different.length === 0 ? true : different
			},
			null,
			2
		)
	);
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
