/**
 * Restores a backup into an empty database and DATA_DIR: checks everything first (the manifest,
 * every file's sha256, the target), so a damaged backup or a wrong target is refused before anything
 * is written; then builds the backup's schema with the app's own migrations, loads the tables in
 * foreign-key order in one transaction, puts the sequences back, copies the files and checks the
 * access log's hash chain.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { verifyChain, type ChainReport } from '../audit/verify';
import { knownMigrations, lastAppliedMigration, migrateDatabaseTo } from '../db/migrate';
import { isArchiveName, unpacked } from './archive';
import { appTables, columnList, qualified, restoreSequences, tablesWithRows } from './catalog';
import {
	AUTH_SECRET_FILE,
	BackupInputError,
	backupFilePath,
	hashFile,
	JOBS_FILE,
	PRIVATE_DIR,
	PRIVATE_FILE,
	readManifest,
	tableFile,
	type Manifest
} from './manifest';
import { restorePendingWork, type PendingWork } from './jobs';
import { counter, type OnProgress } from './progress';

export interface RestoreOptions {
	pool: pg.Pool;
	dataDir: string;
	from: string;
	/** Names the target in messages, e.g. "the embedded PostgreSQL in data/pg". */
	target?: string;
	onProgress?: OnProgress;
}

export interface RestoreResult {
	manifest: Manifest;
	rows: number;
	chain: ChainReport;
}

/** Restores the backup directory (or .tar.gz file) `from`; BackupInputError when it or the target is not fit. */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
	const from = path.resolve(options.from);
	if (isArchiveName(from)) return unpacked(from, (dir) => restoreDirectory({ ...options, from: dir }));
	return restoreDirectory({ ...options, from });
}

async function restoreDirectory(options: RestoreOptions): Promise<RestoreResult> {
	const from = options.from;
	const manifest = await readManifest(from);
	const tag = await knownMigrationTag(manifest);
	await checkTargetIsEmpty(options, manifest);
	await checkFiles(from, manifest, options.onProgress);
	await checkAuthSecret(from, manifest, options.dataDir);

	await migrateDatabaseTo(options.pool, tag);
	const rows = await loadTables(options.pool, from, manifest, options.onProgress);
	await restorePendingWork(
		options.pool,
		JSON.parse(await fs.readFile(path.join(from, JOBS_FILE), 'utf8')) as PendingWork
	);
	await copyFilesBack(from, manifest, options.dataDir);
	return { manifest, rows, chain: await verifyChain(options.pool) };
}

async function knownMigrationTag(manifest: Manifest): Promise<string> {
	const known = (await knownMigrations()).find((entry) => entry.when === manifest.migration.when);
	if (!known) {
		throw new BackupInputError(
			`This backup was made by a newer version of Herstelpad (its database is at migration ${manifest.migration.tag ?? manifest.migration.when}, which this version does not know). Restore it with that version or a later one.`
		);
	}
	return known.tag;
}

async function checkTargetIsEmpty(options: RestoreOptions, manifest: Manifest): Promise<void> {
	const target = options.target ?? 'the target database';
	const howToGetOne =
		'Restore only into an empty database: for the embedded PostgreSQL, set DATA_DIR to a new directory; ' +
		'for an external one, create a new database (createdb herstelpad_restored) and set DATABASE_URL to it. ' +
		'Do not start Herstelpad on it before the restore: at start it adds the starter curricula.';
	const applied = await lastAppliedMigration(options.pool);
	if (applied && applied.when > manifest.migration.when) {
		throw new BackupInputError(
			`${target} has a newer schema (${applied.tag ?? applied.when}) than the backup (${manifest.migration.tag}). ${howToGetOne}`
		);
	}
	const filled = await tablesWithRows(options.pool);
	if (filled.length > 0) {
		throw new BackupInputError(
			`${target} is not empty: ${filled.slice(0, 3).join(', ')}${filled.length > 3 ? ` and ${filled.length - 3} more tables` : ''} hold rows. ${howToGetOne}`
		);
	}
}

/** Every part of the backup is there and matches its sha256: a damaged backup fails here, before writing. */
async function checkFiles(from: string, manifest: Manifest, onProgress?: OnProgress): Promise<void> {
	const parts = [
		...manifest.tables.map((table) => {
			if (table.file !== tableFile(table.name))
				throw new BackupInputError(`The manifest names an unexpected file ${table.file}.`);
			return {
				name: table.file,
				file: path.join(from, table.file),
				bytes: table.bytes,
				sha256: table.sha256
			};
		}),
		...manifest.files.map((entry) => ({
			name: `files/${entry.path}`,
			file: backupFilePath(from, entry),
			...entry
		}))
	];
	for (const [index, part] of parts.entries()) {
		const found = await hashFile(part.file).catch(() => null);
		if (!found)
			throw new BackupInputError(`The backup is incomplete: ${part.name} is missing. Nothing was restored.`);
		if (found.sha256 !== part.sha256 || found.bytes !== part.bytes) {
			throw new BackupInputError(
				`The backup is damaged: ${part.name} does not match its sha256 in the manifest. Nothing was restored.`
			);
		}
		onProgress?.({
			stage: 'check',
			name: part.name,
			index: index + 1,
			total: parts.length,
			bytes: found.bytes,
			done: true
		});
	}
}

/** An app secret already in DATA_DIR must be the backup's: another one could not open the restored secrets. */
async function checkAuthSecret(from: string, manifest: Manifest, dataDir: string): Promise<void> {
	const entry = manifest.files.find((file) => file.path === AUTH_SECRET_FILE);
	if (!entry) return;
	const present = await fs.readFile(path.join(dataDir, AUTH_SECRET_FILE), 'utf8').catch(() => null);
	if (present === null) return;
	if (present !== (await fs.readFile(backupFilePath(from, entry), 'utf8'))) {
		throw new BackupInputError(
			`${path.join(dataDir, AUTH_SECRET_FILE)} holds another app secret than the backup. Restore into a new DATA_DIR.`
		);
	}
}

/**
 * One transaction: the restore is all or nothing. User triggers are off while loading: the access
 * log's insert trigger would otherwise chain each row anew (the backup's hashes are what the chain
 * check proves), and the change notifications have no listeners to tell. Foreign keys stay checked,
 * which the order makes pass.
 */
async function loadTables(
	pool: pg.Pool,
	from: string,
	manifest: Manifest,
	onProgress?: OnProgress
): Promise<number> {
	const client = await pool.connect();
	let total = 0;
	try {
		await client.query('begin');
		const order = await appTables(client);
		const backedUp = new Map(manifest.tables.map((table) => [table.name, table]));
		const unknown = manifest.tables.filter((table) => !order.some((found) => found.name === table.name));
		if (unknown.length > 0 || order.length !== manifest.tables.length) {
			throw new BackupInputError(
				`The backup's tables do not match the schema of migration ${manifest.migration.tag} (e.g. ${unknown[0]?.name ?? order.find((t) => !backedUp.has(t.name))?.name}).`
			);
		}
		for (const [index, { name }] of order.entries()) {
			const table = backedUp.get(name)!;
			const progress = { stage: 'table', name, index: index + 1, total: order.length };
			const read = counter((bytes) => onProgress?.({ ...progress, bytes, done: false }));
			await client.query(`alter table ${qualified(name)} disable trigger user`);
			const sink = client.query(
				copyFrom(`copy ${qualified(name)} (${columnList(table.columns)}) from stdin`)
			);
			await pipeline(createReadStream(path.join(from, table.file)), read, createGunzip(), sink);
			await client.query(`alter table ${qualified(name)} enable trigger user`);
			if (sink.rowCount !== table.rows) {
				throw new BackupInputError(
					`${name}: the backup names ${table.rows} rows, ${sink.rowCount} were read.`
				);
			}
			total += sink.rowCount;
			onProgress?.({ ...progress, bytes: read.bytes, rows: sink.rowCount, done: true });
		}
		await restoreSequences(client, manifest.sequences);
		await client.query('commit');
		return total;
	} catch (error) {
		await client.query('rollback').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

async function copyFilesBack(from: string, manifest: Manifest, dataDir: string): Promise<void> {
	for (const entry of manifest.files) {
		const target = path.join(dataDir, entry.path);
		await fs.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR });
		await fs.copyFile(backupFilePath(from, entry), target);
		await fs.chmod(target, PRIVATE_FILE);
	}
}
