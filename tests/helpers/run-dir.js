/**
 * The directory that every process of one test run shares (the vitest main process with its global
 * setup, its workers, and the processes they start): made once with mkdtemp and handed down in the
 * environment, so nothing in a run is found by a guessed name in os.tmpdir() (no process.ppid names,
 * which differ between the global setup and the workers and repeat between runs on a fresh machine).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RUN_DIR_VARIABLE = 'HERSTELPAD_TEST_RUN_DIR';

/**
 * The run's shared directory. A global setup calls this before the workers start (they inherit the
 * environment); a process without one makes its own, which its child processes then share.
 *
 * @returns {string}
 */
export function testRunDir() {
	const given = process.env[RUN_DIR_VARIABLE];
	if (given) {
		fs.mkdirSync(given, { recursive: true });
		return given;
	}
	const made = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-run-'));
	process.env[RUN_DIR_VARIABLE] = made;
	return made;
}

/**
 * For a global setup: makes the run directory unless the environment already names one, and returns
 * a teardown that removes it only when this call made it.
 *
 * @returns {() => void}
 */
export function setUpTestRunDir() {
	const owned = !process.env[RUN_DIR_VARIABLE];
	const dir = testRunDir();
	return () => {
		if (!owned) return;
		fs.rmSync(dir, { recursive: true, force: true });
		delete process.env[RUN_DIR_VARIABLE];
	};
}

/**
 * A subdirectory of the run directory (made if missing).
 *
 * @param {...string} names
 * @returns {string}
 */
export function runSubdir(...names) {
	const dir = path.join(testRunDir(), ...names);
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * A file name for any key (a base URL and an email, say): the same key gives the same name.
 *
 * @param {string} key
 * @returns {string}
 */
export function nameFor(key) {
	return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * Writes a file so that readers see the old or the new content, never a half-written one.
 *
 * @param {string} file
 * @param {string} content
 */
export function writeFileAtomic(file, content) {
	const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	fs.writeFileSync(temporary, content);
	fs.renameSync(temporary, file);
}
