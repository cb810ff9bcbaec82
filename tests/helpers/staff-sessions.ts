/**
 * Staff sessions the browser tests of one run share: staff sign in with a TOTP code that works once
 * per 30-second step, so signing in anew for every test would mean waiting. A reused session is
 * checked first (it may have been signed out by a test) and replaced when it no longer works.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

const cacheFile = path.join(os.tmpdir(), `herstelpad-staff-sessions-${process.ppid}.json`);

function cached(): Record<string, string> {
	try {
		return JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Record<string, string>;
	} catch {
		return {};
	}
}

export function rememberStaffSession(base: string, email: string, token: string): void {
	fs.writeFileSync(cacheFile, JSON.stringify({ ...cached(), [`${base}|${email}`]: token }));
}

/** Puts a remembered staff session in the page's browser; true when it still works. */
export async function reuseStaffSession(page: Page, base: string, email: string): Promise<boolean> {
	const token = cached()[`${base}|${email}`];
	if (!token) return false;
	await page.context().addCookies([{ name: 'herstelpad', value: token, url: base }]);
	await page.goto('/', { waitUntil: 'networkidle' });
	if (!new URL(page.url()).pathname.startsWith('/inloggen')) return true;
	await page.context().clearCookies({ name: 'herstelpad' });
	return false;
}
