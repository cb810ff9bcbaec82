// `npm run bench:usage`: the coordinator's use-figures page (issue 20, item 6) for an organisation of
// 10,000 participants and a year of events, beside its target (≤ 500 ms server time). Starts the built
// app on a fresh embedded PostgreSQL (a scratch database, removed afterwards), seeds the organisation
// with bench/seed-organisation.js (groups, calendars, check-ins, messages, help requests, home
// practice) and adds, inside PostgreSQL (generate_series): a curriculum of 12 modules of 5 steps
// that every group follows, each participant's step progress, a goal with a step, weekly reminders,
// board posts, a year of usage events (first visit, a visit in most weeks, videos started and watched
// to the end, the workbook opened and downloaded) and "why not?" answers. Then, as the coordinator over
// HTTP on localhost, it loads /beheer/gebruik (warm-up, then timed runs) and reports the median and
// the slowest, and the group page and the CSV download beside them.
//   node bench/usage.js [--participants 10000] [--runs 15]
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildIfNeeded } from '../scripts/build-if-needed.js';
import { startApp } from './app.js';
import { embeddedDatabaseUrl, seedOrganisation } from './seed-organisation.js';

const { values } = parseArgs({
	options: {
		participants: { type: 'string', default: '10000' },
		runs: { type: 'string', default: '15' },
		// Keep the seeded database and the app running (for looking at query plans); stop with Ctrl-C.
		hold: { type: 'boolean', default: false }
	}
});
const PARTICIPANTS = Math.max(10, Number(values.participants));
const RUNS = Math.max(3, Number(values.runs));
const TARGET_MS = 500;
const round1 = (/** @type {number} */ x) => Math.round(x * 10) / 10;

/**
 * A year of use for every participant of the organisation.
 * @param {pg.ClientBase} client @param {string} organisationId
 */
async function seedUse(client, organisationId) {
	await client.query('begin');
	await client.query('set local synchronous_commit = off');
	await client.query('set local session_replication_role = replica');
	const p = [organisationId];
	// A curriculum of 12 modules of 5 steps, followed by every group.
	await client.query(
		`insert into curriculum_version (organisation_id, number, published_at) values ($1, 1, now())`,
		p
	);
	await client.query(
		`insert into curriculum_module (version_id, number, slug, title, summary)
		 select v.id, n, 'module-' || n, jsonb_build_object('nl', 'Module ' || n, 'en', 'Module ' || n), '{"nl":"","en":""}'
		   from curriculum_version v, generate_series(1, 12) n where v.organisation_id = $1`,
		p
	);
	await client.query(
		`insert into curriculum_step (module_id, key, position, kind, title, body, body_html)
		 select cm.id, cm.number || '-stap-' || s, s, 'text', '{"nl":"Stap","en":"Step"}', '{"nl":"","en":""}', '{"nl":"","en":""}'
		   from curriculum_module cm join curriculum_version v on v.id = cm.version_id, generate_series(1, 5) s
		  where v.organisation_id = $1`,
		p
	);
	await client.query(
		`insert into group_course (group_id, version_id)
		 select g.id, v.id from course_group g join curriculum_version v on v.organisation_id = g.organisation_id
		  where g.organisation_id = $1`,
		p
	);
	// The participants of the organisation with a fixed pseudo-random number each (0–999).
	await client.query(
		`create temp table bench_use on commit drop as
		 select m.person_id, m.group_id, m.joined_at, abs(hashtext(m.person_id::text)) % 1000 as r
		   from group_member m join course_group g on g.id = m.group_id where g.organisation_id = $1`,
		p
	);
	// Step progress: module k is reached two to four weeks apart; most steps are finished.
	await client.query(
		`insert into step_progress (person_id, module_number, step_key, seen_at, done_at)
		 select u.person_id, k, k || '-stap-' || s, at, case when (u.r + k + s) % 6 <> 0 then at + interval '10 minutes' end
		   from bench_use u, generate_series(1, 12) k, generate_series(1, 5) s,
		        lateral (select u.joined_at + make_interval(days => k * (14 + u.r % 14) + s) as at) t
		  where at < now() and u.r % 10 <> 0`
	);
	// A goal with a step for nine in ten.
	await client.query(
		`insert into recovery_goal (person_id, life_area, text, is_current, created_at, updated_at)
		 select person_id, 'health', 'Mijn doel (synthetisch)', true, joined_at + interval '14 days', joined_at + interval '14 days'
		   from bench_use where r % 10 <> 1`
	);
	await client.query(
		`insert into goal_step (goal_id, person_id, text, created_at)
		 select id, person_id, 'Een stap (synthetisch)', created_at + interval '1 day' from recovery_goal g
		  where exists (select 1 from bench_use u where u.person_id = g.person_id)`
	);
	// The weeks of the year each participant was in their group.
	await client.query(
		`create temp table bench_use_week on commit drop as
		 select u.person_id, u.group_id, u.r, w, date_trunc('week', now()) - make_interval(weeks => w) as monday
		   from bench_use u, generate_series(0, 51) w
		  where date_trunc('week', now()) - make_interval(weeks => w) >= date_trunc('week', u.joined_at)`
	);
	await client.query(
		`insert into reminder_sent (person_id, group_id, week_start, channel, outcome, at)
		 select person_id, group_id, (monday + interval '1 day')::date, 'email', 'sent', monday + interval '1 day 10 hours'
		   from bench_use_week where r % 3 = 0`
	);
	await client.query(
		`insert into board_post (group_id, author_person_id, body, created_at)
		 select group_id, person_id, 'Een bericht (synthetisch)', monday + interval '3 days'
		   from bench_use_week where (r + w) % 9 = 0`
	);
	// Usage events: the first visit, a visit in most weeks, videos and the workbook now and then.
	await client.query(
		`insert into usage_event (person_id, organisation_id, group_id, kind, occurred_at)
		 select person_id, $1, group_id, 'first_visit', joined_at + interval '1 day' from bench_use where r % 20 <> 0`,
		p
	);
	await client.query(
		`insert into usage_event (person_id, organisation_id, group_id, kind, occurred_at)
		 select person_id, $1, group_id, 'visit', monday + interval '2 days 12 hours'
		   from bench_use_week where r % 20 <> 0 and (r + w) % 4 <> 0 and monday + interval '2 days 12 hours' < now()`,
		p
	);
	await client.query(
		`insert into usage_event (person_id, organisation_id, group_id, kind, occurred_at)
		 select person_id, $1, group_id, kind, monday + interval '2 days 13 hours'
		   from bench_use_week, unnest(array['video_started', 'video_ended']) kind
		  where (r + w) % 3 = 0 and (kind = 'video_started' or r % 2 = 0) and monday + interval '2 days 13 hours' < now()`,
		p
	);
	await client.query(
		`insert into usage_event (person_id, organisation_id, group_id, kind, occurred_at)
		 select person_id, $1, group_id, kind, monday + interval '4 days'
		   from bench_use_week, unnest(array['workbook_opened', 'workbook_pdf']) kind
		  where (r + w) % 8 = 0 and (kind = 'workbook_opened' or r % 3 = 0) and monday + interval '4 days' < now()`,
		p
	);
	await client.query(
		`insert into why_not_answer (person_id, organisation_id, group_id, component, answer, answered_at)
		 select person_id, $1, group_id, (array['check_in', 'modules'])[1 + r % 2],
		        (array['cannot_find', 'no_device', 'not_needed', 'too_hard', 'rather_not_say', 'not_now'])[1 + r % 6],
		        joined_at + interval '30 days'
		   from bench_use where r % 5 = 0`,
		p
	);
	await client.query('commit');
	// As autovacuum would have left a year-old database: statistics and the visibility map (index-only scans).
	await client.query('vacuum analyze');
	const {
		rows: [counts]
	} = await client.query(
		`select (select count(*) from usage_event where organisation_id = $1) as events,
		        (select count(*) from step_progress) as steps, (select count(*) from check_in) as check_ins,
		        (select count(*) from message) as messages, (select count(*) from reminder_sent) as reminders`,
		p
	);
	return counts;
}

/** Loads `path` as the coordinator RUNS times after two warm-ups: the times in ms, sorted. */
async function timed(/** @type {string} */ url, /** @type {string} */ cookie) {
	const times = [];
	for (let run = -2; run < RUNS; run++) {
		const started = performance.now();
		const response = await fetch(url, { headers: { cookie } });
		await response.arrayBuffer();
		if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
		if (run >= 0) times.push(performance.now() - started);
	}
	return times.sort((a, b) => a - b);
}

async function main() {
	if (!buildIfNeeded()) throw new Error('The build failed.');
	const app = await startApp('usage', { DEMO: 'off' });
	const client = new pg.Client({ connectionString: embeddedDatabaseUrl(app.dataDir) });
	await client.connect();
	try {
		const started = performance.now();
		const seeded = await seedOrganisation(client, { participants: PARTICIPANTS, slug: 'usage-bench' });
		const counts = await seedUse(client, seeded.organisationId);
		console.log(
			`Seeded ${PARTICIPANTS} participants in ${seeded.groups} groups with a year of use in ${round1((performance.now() - started) / 1000)} s: ` +
				`${Number(counts.events).toLocaleString('en')} usage events, ${Number(counts.steps).toLocaleString('en')} steps, ` +
				`${Number(counts.check_ins).toLocaleString('en')} check-ins, ${Number(counts.messages).toLocaleString('en')} messages, ` +
				`${Number(counts.reminders).toLocaleString('en')} reminders`
		);
		const cookie = `herstelpad=${seeded.coordinatorCookie}`;
		const {
			rows: [group]
		} = await client.query(`select id from course_group where organisation_id = $1 order by name limit 1`, [
			seeded.organisationId
		]);
		const pages = [
			['organisation page `/beheer/gebruik`', '/beheer/gebruik', true],
			['a group page `/beheer/groepen/[groep]/gebruik`', `/beheer/groepen/${group.id}/gebruik`, false],
			['organisation CSV `/beheer/gebruik/csv`', '/beheer/gebruik/csv', false]
		];
		console.log(
			`\nUse figures, ${PARTICIPANTS} participants, a year of events (${os.cpus().length} cores, Node ${process.version})\n`
		);
		console.log('| page (coordinator, localhost) | median | slowest | target |\n|---|---:|---:|---|');
		let failed = false;
		for (const [name, path, targeted] of pages) {
			const times = await timed(`${app.url}${path}`, cookie);
			const median = times[Math.floor(times.length / 2)] ?? 0;
			const slowest = times.at(-1) ?? 0;
			const verdict = targeted ? `≤ ${TARGET_MS} ms ${median <= TARGET_MS ? '✓' : '✗'}` : '';
			if (targeted && median > TARGET_MS) failed = true;
			console.log(`| ${name} | ${Math.round(median)} ms | ${Math.round(slowest)} ms | ${verdict} |`);
		}
		if (failed) process.exitCode = 1;
		if (values.hold) {
			console.log(`\nHolding: ${embeddedDatabaseUrl(app.dataDir)} (Ctrl-C ends)`);
			await new Promise((resolve) => process.once('SIGINT', resolve));
		}
	} finally {
		await client.end();
		app.child.kill('SIGTERM');
		await new Promise((resolve) => app.child.once('exit', resolve));
		fs.rmSync(app.dataDir, { recursive: true, force: true });
	}
}

await main();
