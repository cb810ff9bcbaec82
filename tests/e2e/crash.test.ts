/**
 * Crash and fault rounds, the short version (issue 22, item 2; the long one is `npm run bench:crash`):
 * two instances on one PostgreSQL of the test's own, 200 signed-in participants writing check-ins,
 * messages and exercise answers over HTTP, and `kill -9` mid-load of one instance, then of the
 * PostgreSQL server. Every acknowledged write is stored exactly once, /readyz says 503 while the
 * database is away, the instances come back by themselves, and the access log's chain verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, crashRound, type RoundFigures } from '../helpers/crash-rounds';

let cluster: Cluster;
beforeAll(async () => {
	cluster = await Cluster.start(2);
}, 120_000);
afterAll(async () => {
	// An instance that ended by itself: its last words say why.
	for (const app of cluster?.apps ?? [])
		if (app.child.exitCode !== null)
			console.log(`${app.url} exited with ${app.child.exitCode}:\n${app.output().slice(-4000)}`);
	await cluster?.stop();
});

const ROUND = { writers: 200, before: 60, after: 60 };

function expectNothingLost(figures: RoundFigures) {
	const { lost, unexpected, serverErrors, ...counts } = figures;
	console.log(
		JSON.stringify({
			...counts,
			lost: lost.length,
			unexpected: unexpected.length,
			serverErrors: serverErrors.length
		})
	);
	expect(figures.unexpected).toEqual([]);
	expect(figures.serverErrors).toEqual([]);
	expect(figures.lost).toEqual([]);
	expect(figures.acknowledged).toBeGreaterThanOrEqual(ROUND.before + ROUND.after);
	expect(figures.found).toBe(figures.acknowledged);
	expect(figures.duplicates).toBe(0);
	expect(figures.dead).toBe(0);
	expect(figures.chain).toMatchObject({ ok: true });
}

describe('crash rounds', () => {
	it('kill -9 of one instance mid-load: the other takes the retries, nothing lost or doubled', async () => {
		const figures = await crashRound(cluster, 'instance', ROUND);
		expectNothingLost(figures);
		// The writers did meet the kill, and sent those writes again.
		expect(figures.retries).toBeGreaterThan(0);
	}, 120_000);

	it('kill -9 of PostgreSQL mid-load: /readyz says 503, the instances come back by themselves', async () => {
		const figures = await crashRound(cluster, 'database', ROUND);
		expectNothingLost(figures);
		expect(figures.readyz503).toBeGreaterThan(0);
		expect(figures.retries).toBeGreaterThan(0);
		for (const app of cluster.running()) expect(app.output()).not.toContain("Unhandled 'error' event");
	}, 120_000);
});
