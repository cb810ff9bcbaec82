/**
 * A backup as one file: `--to NAME.tar.gz` writes the backup directory and packs it, `--from NAME.tar.gz`
 * unpacks it into a private temporary directory first. The directory inside is the same as ever, so
 * every check (the manifest, each sha256) works on what was unpacked.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { BackupInputError, PRIVATE_DIR, PRIVATE_FILE } from './manifest';

/** True for a name that asks for one packed file rather than a directory. */
export function isArchiveName(name: string): boolean {
	return /\.(tar\.gz|tgz)$/.test(name);
}

/**
 * Runs `write` on a new private directory beside `file`, then packs that directory into `file`
 * (0600), which appears only when complete.
 */
export async function packedInto<T>(file: string, write: (dir: string) => Promise<T>): Promise<T> {
	if (await fs.stat(file).catch(() => null)) {
		throw new BackupInputError(`${file} already exists. Give a new name with --to.`);
	}
	const dir = `${file}.${process.pid}.partial`;
	const packing = `${dir}.tar.gz`;
	try {
		const result = await write(dir);
		// The tables are gzipped already and videos do not shrink: the fastest level is enough.
		await tar.create({ gzip: { level: 1 }, cwd: dir, file: packing, portable: true, mode: PRIVATE_FILE }, [
			'.'
		]);
		await fs.chmod(packing, PRIVATE_FILE);
		await fs.rename(packing, file);
		return result;
	} finally {
		await fs.rm(dir, { recursive: true, force: true });
		await fs.rm(packing, { force: true });
	}
}

/** Unpacks `file` into a private temporary directory, runs `read` on it and removes it again. */
export async function unpacked<T>(file: string, read: (dir: string) => Promise<T>): Promise<T> {
	if (!(await fs.stat(file).catch(() => null))?.isFile())
		throw new BackupInputError(`${file} is not a file.`);
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-restore-'));
	try {
		await fs.chmod(dir, PRIVATE_DIR);
		try {
			// Entries outside the directory (absolute paths, "..") are refused by tar itself.
			await tar.extract({ file, cwd: dir, strict: true });
		} catch (error) {
			throw new BackupInputError(
				`${file} cannot be unpacked (${error instanceof Error ? error.message : String(error)}): it is damaged or not a .tar.gz. Nothing was restored.`
			);
		}
		return await read(dir);
	} finally {
		await fs.rm(dir, { recursive: true, force: true });
	}
}
