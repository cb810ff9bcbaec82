/**
 * Writes a backup: the database as one consistent snapshot, then the files of DATA_DIR the app
 * needs (media and the app secret), with a manifest of sizes and sha256 sums. Plain PostgreSQL
 * (COPY in text format, which every later server reads), so no pg_dump of the server's own version is
 * needed. Why the database comes first and the media after: docs/backup.md, "Consistency".
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { lastAppliedMigration } from '../db/migrate';
import { mediaDir, storedPath } from '../media/storage';
import { isArchiveName, packedInto } from './archive';
import { appTables, columnList, qualified, sequenceStates } from './catalog';
import {
	AUTH_SECRET_FILE,
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	BackupInputError,
	backupFilePath,
	hashFile,
	JOBS_FILE,
	PRIVATE_DIR,
	PRIVATE_FILE,
	tableFile,
	writeManifest,
	type FileEntry,
	type Manifest,
	type TableEntry
} from './manifest';
import { countJobs, readPendingWork, type PendingWork } from './jobs';
import { counter, type OnProgress } from './progress';

/** Files the snapshot refers to went missing before they were copied: a retry gets a whole backup. */
export class MediaChangedError extends Error {}

export interface BackupOptions {
	pool: pg.Pool;
	dataDir: string;
	/** A directory that does not exist yet or is empty, or a new file NAME.tar.gz. */
	to: string;
	/** True when the app secret comes from AUTH_SECRET rather than DATA_DIR/auth-secret. */
	authSecretFromEnvironment: boolean;
	onProgress?: OnProgress;
}

/**
 * Writes the backup into the directory `to` (or one file, for a name ending in .tar.gz) and returns its
 * manifest; on failure nothing half-written is left.
 */
export async function writeBackup(options: BackupOptions): Promise<Manifest> {
	const to = path.resolve(options.to);
	if (isArchiveName(to)) return packedInto(to, (dir) => writeBackupDirectory({ ...options, to: dir }));
	return writeBackupDirectory({ ...options, to });
}

async function writeBackupDirectory(options: BackupOptions): Promise<Manifest> {
	const to = options.to;
	await prepareTarget(to);
	try {
		const snapshot = await snapshotDatabase(options.pool, to, options.onProgress);
		const jobs = await writeJobs(to, snapshot.pendingWork);
		const files = await copyDataFiles(options, to, snapshot.referencedMedia);
		const manifest: Manifest = {
			format: BACKUP_FORMAT,
			version: BACKUP_FORMAT_VERSION,
			createdAt: snapshot.takenAt.toISOString(),
			migration: snapshot.migration,
			server: snapshot.server,
			authSecret: options.authSecretFromEnvironment ? 'environment' : 'file',
			tables: snapshot.tables,
			sequences: snapshot.sequences,
			files,
			jobs
		};
		await writeManifest(to, manifest);
		return manifest;
	} catch (error) {
		await fs.rm(to, { recursive: true, force: true });
		throw error;
	}
}

async function prepareTarget(to: string): Promise<void> {
	const existing = await fs.readdir(to).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return null;
		throw new BackupInputError(`${to} cannot be used for a backup (${error.code ?? error.message}).`);
	});
	if (existing && existing.length > 0) {
		throw new BackupInputError(`${to} is not empty. Give a new directory with --to.`);
	}
	await fs.mkdir(path.join(to, 'database'), { recursive: true, mode: PRIVATE_DIR });
	await fs.chmod(to, PRIVATE_DIR);
}

interface Snapshot {
	takenAt: Date;
	migration: Manifest['migration'];
	server: string;
	tables: TableEntry[];
	sequences: Manifest['sequences'];
	pendingWork: PendingWork;
	referencedMedia: Set<string>;
}

/**
 * Every table in one REPEATABLE READ READ ONLY transaction: all tables show the same committed moment
 * (as pg_dump reads them). Not SERIALIZABLE DEFERRABLE (DEFERRABLE does nothing without it): the app
 * writes in READ COMMITTED transactions, for which a serializable snapshot promises nothing more.
 */
async function snapshotDatabase(pool: pg.Pool, to: string, onProgress?: OnProgress): Promise<Snapshot> {
	const client = await pool.connect();
	try {
		await client.query('begin isolation level repeatable read read only');
		const clock = await client.query<{ now: Date; server: string }>(
			`select now() as now, current_setting('server_version') as server`
		);
		const migration = await lastAppliedMigration(client);
		if (!migration) {
			throw new BackupInputError(
				'This database holds no Herstelpad schema (no migrations applied): nothing to back up.'
			);
		}
		const tables: TableEntry[] = [];
		const found = await appTables(client);
		for (const [index, table] of found.entries()) {
			const progress = { stage: 'table', name: table.name, index: index + 1, total: found.length };
			const file = tableFile(table.name);
			const rows = counter((bytes, rows) => onProgress?.({ ...progress, bytes, rows, done: false }));
			const sha256 = hasher();
			await pipeline(
				client.query(
					copyTo(`copy (select ${columnList(table.columns)} from ${qualified(table.name)}) to stdout`)
				),
				rows,
				createGzip(),
				sha256,
				createWriteStream(path.join(to, file), { mode: PRIVATE_FILE })
			);
			tables.push({ ...table, rows: rows.rows, file, bytes: sha256.bytes, sha256: sha256.digest() });
			onProgress?.({ ...progress, bytes: rows.bytes, rows: rows.rows, done: true });
		}
		const snapshot: Snapshot = {
			takenAt: clock.rows[0]!.now,
			migration,
			server: `PostgreSQL ${clock.rows[0]!.server}`,
			tables,
			sequences: await sequenceStates(client),
			pendingWork: await readPendingWork(client),
			referencedMedia: await referencedMedia(client)
		};
		await client.query('commit');
		return snapshot;
	} catch (error) {
		await client.query('rollback').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

/**
 * The stored file names the snapshot's rows point to. Media files are written before the row that
 * names them commits, and removed only after the row's removal commits (media/commands.ts,
 * curriculum/group-items/commands.ts), so each of these existed when the snapshot was taken.
 */
async function referencedMedia(client: pg.PoolClient): Promise<Set<string>> {
	const found = await client.query<{ name: string }>(
		`select name from (
		   select video_file as name from media
		   union all select poster_file from media
		   union all select caption_files->>'nl' from media
		   union all select caption_files->>'en' from media
		   union all select file_name from group_item
		 ) files where name is not null`
	);
	return new Set(found.rows.map((row) => row.name));
}

async function writeJobs(to: string, work: PendingWork): Promise<Manifest['jobs']> {
	const file = path.join(to, JOBS_FILE);
	await fs.writeFile(file, JSON.stringify(work), { mode: PRIVATE_FILE });
	return { file: JOBS_FILE, ...(await hashFile(file)), pending: countJobs(work) };
}

/**
 * Copies every stored media file (uploads still being received, `*.part`, are not stored files
 * yet) and the app secret. A file the snapshot refers to that is gone now was removed after the
 * snapshot together with its row: the backup would restore the row without it, so it fails instead.
 */
async function copyDataFiles(
	options: BackupOptions,
	to: string,
	referenced: Set<string>
): Promise<FileEntry[]> {
	const media = (await fs.readdir(mediaDir(options.dataDir)).catch(() => [] as string[]))
		.filter((name) => storedPath(options.dataDir, name) !== null)
		.sort()
		.map((name) => `media/${name}`);
	const candidates = options.authSecretFromEnvironment ? media : [AUTH_SECRET_FILE, ...media];
	const copied: FileEntry[] = [];
	for (const [index, relative] of candidates.entries()) {
		const entry = await copyFile(
			path.join(options.dataDir, relative),
			backupFilePath(to, { path: relative })
		);
		if (entry) copied.push({ path: relative, ...entry });
		options.onProgress?.({
			stage: 'file',
			name: relative,
			index: index + 1,
			total: candidates.length,
			bytes: entry?.bytes ?? 0,
			done: true
		});
	}
	if (!options.authSecretFromEnvironment && copied[0]?.path !== AUTH_SECRET_FILE) {
		throw new BackupInputError(
			`${path.join(options.dataDir, AUTH_SECRET_FILE)} is missing and AUTH_SECRET is not set: without the app secret, the restored TOTP and SSO secrets cannot be read. Set DATA_DIR to the app's data directory, or AUTH_SECRET as the app has it.`
		);
	}
	const names = new Set(copied.map((entry) => path.basename(entry.path)));
	const missing = [...referenced].filter((name) => !names.has(name));
	if (missing.length > 0) {
		throw new MediaChangedError(
			`${missing.length} media file(s) the database refers to were removed while the backup ran (e.g. ${missing[0]}); run the backup again.`
		);
	}
	return copied;
}

/** Copies one file privately, hashing it on the way; null when it is gone (removed meanwhile). */
async function copyFile(source: string, target: string): Promise<{ bytes: number; sha256: string } | null> {
	await fs.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR });
	const sha256 = hasher();
	try {
		await pipeline(createReadStream(source), sha256, createWriteStream(target, { mode: PRIVATE_FILE }));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		await fs.rm(target, { force: true });
		return null;
	}
	return { bytes: sha256.bytes, sha256: sha256.digest() };
}

/** A pass-through stream that hashes and counts what flows through it. */
function hasher(): Transform & { bytes: number; digest(): string } {
	const hash = createHash('sha256');
	const stream = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			hash.update(chunk);
			stream.bytes += chunk.length;
			callback(null, chunk);
		}
	}) as Transform & { bytes: number; digest(): string };
	stream.bytes = 0;
	stream.digest = () => hash.digest('hex');
	return stream;
}
