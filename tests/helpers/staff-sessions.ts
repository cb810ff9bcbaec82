/**
 * Staff sessions the browser tests of one run share: staff sign in with a TOTP code that works once
 * per 30-second step, so signing in anew for every test would mean waiting. A reused session is
 * checked first (it may have been signed out by a test) and replaced when it no longer works.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { nameFor, runSubdir, writeFileAtomic } from './run-dir.js';

/**
 * One file per account in the run directory, replaced atomically: workers never overwrite each
 * other's sessions (no read-modify-write of a shared file) and never read a half-written token.
 */
const cacheFile = (base: string, email: string) =>
	path.join(runSubdir('staff-sessions'), nameFor(`${base}|${email}`));

function cached(base: string, email: string): string | undefined {
	try {
		return fs.readFileSync(cacheFile(base, email), 'utf8') || undefined;
	} catch {
		return undefined;
	}
}

export function rememberStaffSession(base: string, email: string, token: string): void {
	writeFileAtomic(cacheFile(base, email), token);
}

/** Puts a remembered staff session in the page's browser; true when it still works. */
export async function reuseStaffSession(page: Page, base: string, email: string): Promise<boolean> {
	const token = cached(base, email);
	if (!token) return false;
	await page.context().addCookies([{ name: 'herstelpad', value: token, url: base }]);
	await page.goto('/', { waitUntil: 'networkidle' });
	if (!new URL(page.url()).pathname.startsWith('/inloggen')) return true;
	await page.context().clearCookies({ name: 'herstelpad' });
	return false;
}
