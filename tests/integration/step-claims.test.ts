/**
 * The TOTP step claims of tests/helpers/step-claims.js across processes: several node processes
 * claim steps for the same person at the same moment; no step is taken twice, and the codes reach
 * the "server" in step order (as Herstelpad refuses a step at or below the last one it accepted).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const helper = pathToFileURL(path.resolve('tests/helpers/step-claims.js')).href;
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-claims-test-'));
afterAll(() => fs.rmSync(runDir, { recursive: true, force: true }));

interface Sent {
	pid: number;
	step: number;
	from: number;
	to: number;
}

/**
 * One process: waits for the common start moment, then claims `count` steps for `who` one after
 * the other, each "sent" for a few milliseconds of simulated round trip; prints what it sent.
 */
const child = `
const { withStepClaim } = await import(${JSON.stringify(helper)});
const [who, count, startAt] = process.argv.slice(1);
const sent = [];
while (Date.now() < Number(startAt)) await new Promise((resolve) => setImmediate(resolve));
for (let i = 0; i < Number(count); i++) {
	await withStepClaim(who, async (step) => {
		const from = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
		sent.push({ pid: process.pid, step, from, to: Date.now() });
	});
}
console.log(JSON.stringify(sent));
`;

function runClaimer(who: string, count: number, startAt: number): Promise<Sent[]> {
	return new Promise((resolve, reject) => {
		const process_ = spawn(
			process.execPath,
			['--input-type=module', '-e', child, who, String(count), String(startAt)],
			{
				env: { ...process.env, HERSTELPAD_TEST_RUN_DIR: runDir, HERSTELPAD_TEST_STEP_MS: '400' },
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		let out = '';
		let err = '';
		process_.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		process_.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
		process_.on('error', reject);
		process_.on('exit', (code) =>
			code === 0 ? resolve(JSON.parse(out) as Sent[]) : reject(new Error(`claimer exited ${code}: ${err}`))
		);
	});
}

it('gives each (person, step) to one process only, and the steps reach the server in order', async () => {
	// Two people: claims of one never hold up the other.
	const startAt = Date.now() + 3_000;
	const results = await Promise.all(
		['anna', 'anna', 'anna', 'anna', 'tom', 'tom'].map((who) =>
			runClaimer(`http://localhost:1|${who}@test.example`, 3, startAt).then((sent) =>
				sent.map((one) => ({ ...one, who }))
			)
		)
	);
	for (const who of ['anna', 'tom']) {
		const sent = results
			.flat()
			.filter((one) => one.who === who)
			.sort((a, b) => a.step - b.step);
		expect(sent).toHaveLength(who === 'anna' ? 12 : 6);
		// No step twice.
		expect(new Set(sent.map((one) => one.step)).size).toBe(sent.length);
		// A higher step is sent only after every lower one was answered.
		for (let i = 1; i < sent.length; i++) expect(sent[i]!.from).toBeGreaterThanOrEqual(sent[i - 1]!.to);
		// Several processes took part, so the claims did meet.
		expect(new Set(sent.map((one) => one.pid)).size).toBe(who === 'anna' ? 4 : 2);
	}
}, 60_000);

it('runs in the run directory the global setup made, handed down to the workers', () => {
	// Read before any helper could make one of its own in this worker.
	const dir = process.env.HERSTELPAD_TEST_RUN_DIR ?? '';
	expect(path.basename(dir)).toMatch(/^herstelpad-run-/);
	expect(fs.statSync(dir).isDirectory()).toBe(true);
});
