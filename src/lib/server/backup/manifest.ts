/**
 * The manifest of a backup (`manifest.json`, written last: a directory without one is no backup)
 * and the rules both sides share: where each part lives in the backup directory, file modes, and
 * the errors a command shows as bad input.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { storedPath } from '../media/storage';

export const BACKUP_FORMAT = 'herstelpad-backup';
/** Raised when what a backup holds or how it is written changes; a restore refuses other versions. */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const JOBS_FILE = 'jobs.json';

/** The backup holds health data: only its owner may read it (the operator's umask cannot widen this). */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Bad input to `backup` or `restore` (missing or damaged backup, wrong target): exit code 2. */
export class BackupInputError extends Error {}

const sha256 = z.string().regex(/^[a-f0-9]{64}$/);
const tableName = z.string().regex(/^[a-z_][a-z0-9_]*$/);

const tableEntry = z.object({
	name: tableName,
	columns: z.array(z.string().min(1)).min(1),
	rows: z.number().int().min(0),
	file: z.string(),
	bytes: z.number().int().min(0),
	sha256
});

const fileEntry = z.object({
	/** Relative to DATA_DIR, and in the backup to its `files/` directory. */
	path: z.string().refine(isBackedUpFile, 'not a file a backup holds'),
	bytes: z.number().int().min(0),
	sha256
});

export const manifestSchema = z.object({
	format: z.literal(BACKUP_FORMAT),
	version: z.number().int(),
	createdAt: z.iso.datetime(),
	/** The last migration applied to the backed-up database: a restore builds exactly that schema. */
	migration: z.object({ tag: z.string().nullable(), when: z.number().int() }),
	server: z.string(),
	/** Where the secret that seals TOTP and SSO secrets came from: DATA_DIR/auth-secret is in `files`. */
	authSecret: z.enum(['file', 'environment']),
	tables: z.array(tableEntry),
	sequences: z.array(
		z.object({ name: tableName, lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })
	),
	files: z.array(fileEntry),
	/** pg-boss jobs waiting or running at the snapshot (./jobs.ts), with their count per queue. */
	jobs: z.object({
		file: z.literal(JOBS_FILE),
		bytes: z.number().int().min(0),
		sha256,
		pending: z.record(z.string(), z.number().int())
	})
});

export type Manifest = z.infer<typeof manifestSchema>;
export type TableEntry = z.infer<typeof tableEntry>;
export type FileEntry = z.infer<typeof fileEntry>;

export const AUTH_SECRET_FILE = 'auth-secret';

/** The files of DATA_DIR a backup holds: media made by the storage module, and the app secret. */
export function isBackedUpFile(relative: string): boolean {
	if (relative === AUTH_SECRET_FILE) return true;
	const [dir, name, ...rest] = relative.split('/');
	return dir === 'media' && rest.length === 0 && name !== undefined && storedPath('', name) !== null;
}

/** Where a table's data lives in the backup directory. */
export function tableFile(name: string): string {
	return path.join('database', `${name}.copy.gz`);
}

/** Where a DATA_DIR file lives in the backup directory. */
export function backupFilePath(backupDir: string, entry: Pick<FileEntry, 'path'>): string {
	return path.join(backupDir, 'files', entry.path);
}

/** Reads and checks a backup's manifest; BackupInputError when it is missing or not one we can restore. */
export async function readManifest(backupDir: string): Promise<Manifest> {
	const stat = await fs.stat(backupDir).catch(() => null);
	if (!stat?.isDirectory()) throw new BackupInputError(`${backupDir} is not a directory.`);
	let raw: unknown;
	try {
		raw = JSON.parse(await fs.readFile(path.join(backupDir, MANIFEST_FILE), 'utf8'));
	} catch {
		throw new BackupInputError(
			`${backupDir} holds no readable ${MANIFEST_FILE}: it is not a Herstelpad backup, or its writing did not finish.`
		);
	}
	const head = z.object({ format: z.literal(BACKUP_FORMAT), version: z.number() }).safeParse(raw);
	if (!head.success) throw new BackupInputError(`${backupDir} is not a Herstelpad backup.`);
	if (head.data.version !== BACKUP_FORMAT_VERSION) {
		throw new BackupInputError(
			`This backup has format version ${head.data.version}; this version of Herstelpad restores version ${BACKUP_FORMAT_VERSION} only.`
		);
	}
	const parsed = manifestSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new BackupInputError(
			`The manifest of ${backupDir} is damaged (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`
		);
	}
	return parsed.data;
}

export async function writeManifest(backupDir: string, manifest: Manifest): Promise<void> {
	await fs.writeFile(path.join(backupDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, '\t')}\n`, {
		mode: PRIVATE_FILE
	});
}

/** The sha256 (hex) and size of a file, read as a stream. */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		bytes += chunk.length;
	}
	return { sha256: hash.digest('hex'), bytes };
}
