/**
 * `npm run backup -- --to DIR` and `npm run restore -- --from DIR`, on DATABASE_URL or the embedded
 * PostgreSQL in DATA_DIR (see ../db/command.ts). Exit codes: 0 done, 1 failed (for a backup: run it
 * again), 2 bad input (a missing or damaged backup, a target that is not empty, unknown arguments).
 * Relative imports only: scripts/backup.js and scripts/restore.js load this file outside SvelteKit.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeChainReport } from '../audit/verify';
import { commandDataDir, openCommandDatabase } from '../db/command';
import { writeBackup, MediaChangedError } from './backup';
import { BackupInputError } from './manifest';
import { formatBytes, terminalProgress } from './progress';
import { restoreBackup } from './restore';

const BACKUP_USAGE =
	'Usage: npm run backup -- [--to DIR | --to FILE.tar.gz]   (default: ./herstelpad-backup-<date>-<time>)';
const RESTORE_USAGE = 'Usage: npm run restore -- --from DIR | --from FILE.tar.gz';

/** `npm run backup`. */
export async function backupMain(args: string[]): Promise<number> {
	const options = parseOptions(args, 'to', BACKUP_USAGE);
	if (!options) return 2;
	const to = path.resolve(options.value ?? defaultBackupName(new Date()));
	return withErrors(async () => {
		const started = performance.now();
		const database = await openCommandDatabase();
		try {
			console.log(`Backing up ${database.description} and ${commandDataDir()} to ${to}`);
			const manifest = await writeBackup({
				pool: database.pool,
				dataDir: commandDataDir(),
				to,
				authSecretFromEnvironment: Boolean(process.env.AUTH_SECRET),
				onProgress: terminalProgress()
			});
			const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
			const bytes = [...manifest.tables, ...manifest.files].reduce((sum, part) => sum + part.bytes, 0);
			console.log(
				`Backup written: ${manifest.tables.length} tables with ${rows.toLocaleString('en')} rows and ${manifest.files.length} files, ${formatBytes(bytes)}, in ${seconds(started)} s.`
			);
			if (manifest.authSecret === 'environment') {
				console.log(
					'The app secret comes from AUTH_SECRET and is not in the backup: keep it with the backup, apart.'
				);
			}
			console.log('The backup holds health data: encrypt it before it leaves this machine (docs/backup.md).');
			return 0;
		} finally {
			await database.close();
		}
	});
}

/** `npm run restore`. */
export async function restoreMain(args: string[]): Promise<number> {
	const options = parseOptions(args, 'from', RESTORE_USAGE);
	if (!options) return 2;
	if (!options.value) {
		console.error(`Give the backup to restore with --from. ${RESTORE_USAGE}`);
		return 2;
	}
	const from = path.resolve(options.value);
	return withErrors(async () => {
		const started = performance.now();
		const database = await openCommandDatabase();
		try {
			console.log(`Restoring ${from} into ${database.description} and ${commandDataDir()}`);
			const result = await restoreBackup({
				pool: database.pool,
				dataDir: commandDataDir(),
				from,
				target: database.description,
				onProgress: terminalProgress()
			});
			console.log(
				`Restored ${result.manifest.tables.length} tables with ${result.rows.toLocaleString('en')} rows and ${result.manifest.files.length} files from the backup of ${result.manifest.createdAt}, in ${seconds(started)} s.`
			);
			for (const line of describeChainReport(result.chain))
				(result.chain.ok ? console.log : console.error)(line);
			if (result.manifest.authSecret === 'environment') {
				console.log('Start Herstelpad with the same AUTH_SECRET as when the backup was made.');
			}
			return result.chain.ok ? 0 : 1;
		} finally {
			await database.close();
		}
	});
}

function parseOptions(args: string[], name: 'to' | 'from', usage: string): { value?: string } | null {
	try {
		const { values } = parseArgs({ args, options: { [name]: { type: 'string' } }, strict: true });
		return { value: values[name] as string | undefined };
	} catch (error) {
		console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
		return null;
	}
}

async function withErrors(run: () => Promise<number>): Promise<number> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof BackupInputError) {
			console.error(`\n${error.message}`);
			return 2;
		}
		if (error instanceof MediaChangedError) {
			console.error(`\n${error.message}`);
			return 1;
		}
		throw error;
	}
}

/** `herstelpad-backup-20261204-1205`: sorts by date, and says what it is. */
export function defaultBackupName(now: Date): string {
	const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
	return `herstelpad-backup-${stamp}`;
}

function seconds(started: number): string {
	return ((performance.now() - started) / 1000).toFixed(1);
}
