/**
 * Media files on disk under DATA_DIR/media, each with a random name and a fixed extension. Names
 * come only from here, are checked before use, and files are only ever streamed, never executed.
 * One small interface so an S3-compatible store can replace it later.
 */
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';

const STORED_NAME = /^[a-f0-9]{32}\.(webm|mp4|vtt|png|jpg|pdf|bin)$/;

export const CONTENT_TYPES: Record<string, string> = {
	webm: 'video/webm',
	mp4: 'video/mp4',
	vtt: 'text/vtt; charset=utf-8',
	png: 'image/png',
	jpg: 'image/jpeg',
	pdf: 'application/pdf',
	bin: 'application/octet-stream'
};

export function mediaDir(dataDir: string): string {
	return path.join(dataDir, 'media');
}

/** The path of a stored file, or null when the name is not one this storage made. */
export function storedPath(dataDir: string, name: string): string | null {
	return STORED_NAME.test(name) ? path.join(mediaDir(dataDir), name) : null;
}

export function contentTypeOf(name: string): string {
	return CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/** A new random file name with the given extension (the file is made by the caller). */
export function newStoredName(extension: keyof typeof CONTENT_TYPES): string {
	return `${randomBytes(16).toString('hex')}.${extension}`;
}

/** Copies a file into storage under a new random name. */
export async function storeCopy(
	dataDir: string,
	source: string,
	extension: keyof typeof CONTENT_TYPES
): Promise<string> {
	await fsp.mkdir(mediaDir(dataDir), { recursive: true, mode: 0o700 });
	const name = newStoredName(extension);
	await fsp.copyFile(source, path.join(mediaDir(dataDir), name));
	return name;
}

export async function removeStored(dataDir: string, name: string): Promise<void> {
	const file = storedPath(dataDir, name);
	if (file) await fsp.rm(file, { force: true });
}

/** Writes bytes into storage under a new random name. */
export async function storeBytes(
	dataDir: string,
	bytes: Uint8Array,
	extension: keyof typeof CONTENT_TYPES
): Promise<string> {
	await fsp.mkdir(mediaDir(dataDir), { recursive: true, mode: 0o700 });
	const name = newStoredName(extension);
	await fsp.writeFile(path.join(mediaDir(dataDir), name), bytes, { mode: 0o600 });
	return name;
}
