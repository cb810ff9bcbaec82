/**
 * `npm run bench:crash`: the crash rounds of issue 22 (item 2) many times over — by default 20,
 * alternating `kill -9` of one instance and of the PostgreSQL server, each with 200 writers of a new
 * organisation (tests/helpers/crash-rounds.ts; tests/e2e/crash.test.ts is the short version in CI).
 * Prints per round what was attempted, acknowledged and found, duplicates, /readyz 503s and the
 * recovery time, then the totals beside their targets. CRASH_ROUNDS=n for another number of rounds.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildIfNeeded } from '../scripts/build-if-needed.js';
import { Cluster, crashRound, type RoundFigures } from '../tests/helpers/crash-rounds';

const rounds = Number(process.env.CRASH_ROUNDS ?? 20);
const options = { writers: 200, before: 100, after: 100 };

let cluster: Cluster;
beforeAll(async () => {
	if (!buildIfNeeded()) throw new Error('The build failed.');
	cluster = await Cluster.start(2);
});
afterAll(async () => {
	await cluster?.stop();
});

const columns = [
	'round',
	'kill',
	'attempted',
	'acknowledged',
	'found',
	'duplicates',
	'lost',
	'readyz 503',
	'recovery ms',
	'retries',
	'chain',
	's'
];
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

it(
	`${rounds} crash rounds`,
	async () => {
		const results: RoundFigures[] = [];
		console.log(`${row(columns)}\n${row(columns.map(() => '---'))}`);
		for (let round = 1; round <= rounds; round++) {
			const figures = await crashRound(cluster, round % 2 ? 'instance' : 'database', options);
			results.push(figures);
			console.log(
				row([
					round,
					figures.kind,
					figures.attempted,
					figures.acknowledged,
					figures.found,
					figures.duplicates,
					figures.lost.length,
					figures.kind === 'database' ? figures.readyz503 : '–',
					figures.recoveryMs,
					figures.retries,
					figures.chain.ok ? `ok (${figures.chain.rows})` : `broken at ${figures.chain.brokenAt}`,
					figures.seconds.toFixed(1)
				])
			);
			for (const problem of [...figures.lost, ...figures.unexpected, ...figures.serverErrors])
				console.log(`  ${problem}`);
		}
		const sum = (pick: (figures: RoundFigures) => number) =>
			results.reduce((total, figures) => total + pick(figures), 0);
		const database = results.filter((figures) => figures.kind === 'database');
		const recovery = results.map((figures) => figures.recoveryMs).sort((a, b) => a - b);
		console.log(
			[
				`rounds: ${results.length} (${results.length - database.length} instance kills, ${database.length} database kills)`,
				`writes attempted ${sum((f) => f.attempted)}, acknowledged ${sum((f) => f.acknowledged)}, found ${sum((f) => f.found)}`,
				`acknowledged writes lost: ${sum((f) => f.lost.length)} (target 0)`,
				`duplicates: ${sum((f) => f.duplicates)} (target 0)`,
				`database rounds with /readyz 503 during the outage: ${database.filter((f) => f.readyz503 > 0).length} of ${database.length} (target all)`,
				`instances that died by themselves: ${sum((f) => f.dead)}; 5xx other than 503: ${sum((f) => f.serverErrors.length)} (target 0)`,
				`recovery without restart: median ${recovery[Math.floor(recovery.length / 2)]} ms, max ${recovery.at(-1)} ms`,
				`access-log chain verifies after every round: ${results.every((f) => f.chain.ok)}`
			].join('\n')
		);
		for (const figures of results) {
			expect(figures.lost).toEqual([]);
			expect(figures.duplicates).toBe(0);
			expect(figures.chain.ok).toBe(true);
			expect(figures.dead).toBe(0);
		}
		expect(database.every((figures) => figures.readyz503 > 0)).toBe(true);
	},
	// A round takes 25–60 s on a shared 2-core machine: the config's 600 s ended the first run at 15.
	rounds * 120_000
);
