/**
 * Atomic claims of 30-second TOTP steps, per account, shared by every process of a test run.
 *
 * Herstelpad accepts a step once per person and refuses every step at or below the last one it
 * accepted (one UPDATE … WHERE last_used_step < step). So two sign-ins of the same person need two
 * different steps (a claim), and the lower step must reach the server first (an order): a process
 * holding step 11 that sends before the holder of step 10 makes the server refuse step 10.
 *
 * A claim is a file `<step>.claim` made with O_EXCL (`fs.openSync(file, 'wx')`) in the account's
 * directory under the run directory, so exactly one process gets each (account, step), whatever
 * the number of workers and processes. The holder sends its code only when every lower claim is
 * settled — answered (`<step>.done`), its process gone, or too old for the server to accept — and
 * marks its own claim answered afterwards. Nothing is ever deleted during a run, so no lock can be
 * broken or stolen; the run directory is removed at the end of the run.
 *
 * Plain JavaScript (typed with JSDoc) so that a test can run it in separate node processes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { nameFor, runSubdir } from './run-dir.js';

/**
 * The length of a step: TOTP's 30 seconds. HERSTELPAD_TEST_STEP_MS shortens it for this helper's own
 * multi-process test only (codes of another length would not match the server's).
 */
export const STEP_MS = Number(process.env.HERSTELPAD_TEST_STEP_MS) || 30_000;

/** The step (30-second period since the epoch) at `ms`. */
export const stepAt = (/** @type {number} */ ms) => Math.floor(ms / STEP_MS);
const currentStep = () => stepAt(Date.now());
const delay = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The directory of one account's claims. `who` names the account: its database and its person. */
export function accountDir(/** @type {string} */ who) {
	return runSubdir('totp', nameFor(who));
}

/** @param {string} dir @returns {number[]} the claimed steps, ascending */
function claimedSteps(dir) {
	return fs
		.readdirSync(dir)
		.map((name) => /^(\d+)\.claim$/.exec(name)?.[1])
		.filter((step) => step !== undefined)
		.map(Number)
		.sort((a, b) => a - b);
}

/** @param {number} pid */
function processExists(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/** Whether the claim of `step` can no longer reach the server after a higher step. */
function settled(/** @type {string} */ dir, /** @type {number} */ step) {
	// The server accepts one step of drift either way: older steps are refused anyway.
	if (step < currentStep() - 1) return true;
	if (fs.existsSync(path.join(dir, `${step}.done`))) return true;
	let owner;
	try {
		owner = JSON.parse(fs.readFileSync(path.join(dir, `${step}.claim`), 'utf8')).pid;
	} catch {
		return false; // just made: its owner is writing its pid
	}
	return typeof owner === 'number' && owner !== process.pid && !processExists(owner);
}

function markDone(/** @type {string} */ dir, /** @type {number} */ step) {
	fs.writeFileSync(path.join(dir, `${step}.done`), String(process.pid));
}

/**
 * Claims a step for `who` that no other process of the run has, waits until every lower claim is
 * settled, and returns it with `done` (to call once the server has answered the code).
 * @param {string} who
 * @returns {Promise<{ step: number; done: () => void }>}
 */
export async function claimStep(who) {
	const dir = accountDir(who);
	for (;;) {
		const now = currentStep();
		const step = Math.max(now, (claimedSteps(dir).at(-1) ?? 0) + 1);
		// The server accepts at most one step ahead: wait for the clock, to the millisecond.
		if (step > now + 1) {
			await delay((step - 1) * STEP_MS - Date.now() + 1);
			continue;
		}
		let handle;
		try {
			handle = fs.openSync(path.join(dir, `${step}.claim`), 'wx');
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EEXIST') continue; // taken: the next one
			throw error;
		}
		fs.writeSync(handle, JSON.stringify({ pid: process.pid }));
		fs.closeSync(handle);
		// Lower claims first. Each one settles by itself at the latest when the server stops accepting it.
		for (;;) {
			const lower = claimedSteps(dir).filter((other) => other < step);
			if (lower.every((other) => settled(dir, other))) break;
			await delay(20);
		}
		// A code of the previous step may expire on its way: give it up and take a later one.
		if (step >= currentStep()) return { step, done: () => markDone(dir, step) };
		markDone(dir, step);
	}
}

/**
 * Runs `use(step)` with a claimed step for `who` and marks the claim answered afterwards (also when
 * `use` throws). `use` should send the code and wait for the server's answer.
 * @template T
 * @param {string} who
 * @param {(step: number) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withStepClaim(who, use) {
	const claim = await claimStep(who);
	try {
		return await use(claim.step);
	} finally {
		claim.done();
	}
}
