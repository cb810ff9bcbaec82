// `npm run bench:workbook`: the printed workbook (issue 18, item 9) of a participant with a full year,
// each figure beside its target. Starts the built app on a fresh embedded PostgreSQL with the demo
// organisation (whose starter curriculum has the 11 modules), and seeds in it, inside PostgreSQL: a
// group that has all 11 modules open, a participant in it with a goal and 6 steps, 52 weekly
// check-ins, an answer to every step that asks something, a relapse-prevention plan with every
// answer, 15 rated coping tools and 12 people in the support network, and a signed-in session. Then it asks
// for /werkboek/pdf `--runs` times in normal print and as often in large print, one request at a
// time, and reports:
//   - the time to the last byte (the first request, with the font read, and the median of the rest);
//   - the app's extra RSS while the PDF is made: the highest VmRSS sampled every 10 ms during a
//     request, less the RSS after a forced GC before it (target ≤ 60 MB);
//   - the PDF's size (target ≤ 1.5 MB) and pages;
//   - how long /healthz took, asked every 50 ms while a workbook was being made (the workbook is
//     written in parts, so other requests are answered in between).
//   node bench/workbook.js [--runs 5]
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildIfNeeded } from '../scripts/build-if-needed.js';
import { pause, rssMb, settledRssMb, startApp } from './app.js';
import { embeddedDatabaseUrl } from './seed-organisation.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(2, Number(values.runs));
const TARGET = { seconds: 2, extraRssMb: 60, megabytes: 1.5 };

const round1 = (/** @type {number} */ x) => Math.round(x * 10) / 10;
const round2 = (/** @type {number} */ x) => Math.round(x * 100) / 100;
/** @param {number[]} list */
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)] ?? NaN;

/**
 * The participant with a full year, in a new group of the demo organisation with every module open.
 * Returns the session cookie.
 * @param {pg.ClientBase} client
 */
async function seedYear(client) {
	await client.query('begin');
	const {
		rows: [org]
	} = await client.query(`select id from organisation where slug = 'demo'`);
	const {
		rows: [version]
	} = await client.query(
		`select id from curriculum_version where organisation_id = $1 and published_at is not null
		 order by number desc limit 1`,
		[org.id]
	);
	const {
		rows: [ids]
	} = await client.query(
		`select gen_random_uuid()::text as user_id, gen_random_uuid() as person_id, gen_random_uuid() as group_id,
		        gen_random_uuid() as trainer_person, gen_random_uuid()::text as trainer_user,
		        gen_random_uuid() as goal_id`
	);
	await client.query(
		`insert into "user" (id, name, email, email_verified) values
		   ($1, 'Werkboek Jaar', 'werkboek-jaar@bench.example', true),
		   ($2, 'Trainer Werkboek', 'trainer-werkboek@bench.example', true)`,
		[ids.user_id, ids.trainer_user]
	);
	await client.query(
		`insert into person (id, organisation_id, user_id, role, display_name) values
		   ($1, $3, $2, 'participant', 'Werkboek Jaar (synthetisch)'),
		   ($4, $3, $5, 'trainer', 'Trainer Werkboek')`,
		[ids.person_id, ids.user_id, org.id, ids.trainer_person, ids.trainer_user]
	);
	const start = `(now() at time zone 'Europe/Amsterdam')::date - 364`;
	await client.query(
		`insert into course_group (id, organisation_id, name, location, weekday, start_time, start_date)
		 values ($1, $2, 'Werkboekgroep (synthetisch)', 'Zaal 1', extract(isodow from ${start})::int, '10:00', ${start})`,
		[ids.group_id, org.id]
	);
	await client.query(`insert into group_trainer (group_id, person_id) values ($1, $2)`, [
		ids.group_id,
		ids.trainer_person
	]);
	await client.query(
		`insert into group_member (group_id, person_id, joined_at) values ($1, $2, now() - interval '364 days')`,
		[ids.group_id, ids.person_id]
	);
	await client.query(`insert into group_course (group_id, version_id) values ($1, $2)`, [
		ids.group_id,
		version.id
	]);
	const { rowCount: modules } = await client.query(
		`insert into group_module (group_id, module_number, state, position)
		 select $1, number, 'open', number from curriculum_module where version_id = $2`,
		[ids.group_id, version.id]
	);
	// A session every week of the year, and a check-in for each.
	await client.query(
		`insert into group_session (group_id, date, start_time, status)
		 select $1, ${start} + 7 * w, '10:00', 'planned' from generate_series(0, 51) w`,
		[ids.group_id]
	);
	await client.query(
		`insert into recovery_goal (id, person_id, life_area, text, why, is_current)
		 values ($1, $2, 'work', 'Weer twee dagen per week vrijwilligerswerk doen bij de kringloopwinkel',
		         'Dan heb ik ritme in mijn week en mensen om me heen', true)`,
		[ids.goal_id, ids.person_id]
	);
	await client.query(
		`insert into goal_step (goal_id, person_id, text, target_week, status)
		 select $1, $2, 'Stap ' || s || ': iets kleins dat me dichter bij mijn doel brengt',
		        ${start} + 56 * s, case when s < 6 then 'done' else 'open' end::goal_step_status
		   from generate_series(1, 6) s`,
		[ids.goal_id, ids.person_id]
	);
	const { rowCount: checkIns } = await client.query(
		`insert into check_in (person_id, group_id, week_start, idempotency_key, worked, closeness, goal_id)
		 select $1, $2, ${start} + 7 * w, gen_random_uuid(),
		        (array['yes', 'a_bit', 'not_yet'])[1 + w % 3]::check_in_worked, 1 + (w * 7 % 5), $3
		   from generate_series(0, 51) w`,
		[ids.person_id, ids.group_id, ids.goal_id]
	);
	const { rowCount: answers } = await client.query(
		`insert into exercise_answer (person_id, module_number, step_key, answer)
		 select $1, m.number, s.key,
		        'Mijn antwoord bij ' || s.key || ': ' || repeat('wat ik hierover dacht en wat ik wil proberen. ', 6)
		   from curriculum_step s join curriculum_module m on m.id = s.module_id
		  where m.version_id = $2 and s.question is not null`,
		[ids.person_id, version.id]
	);
	// The relapse-prevention plan (every answer filled in), 15 rated coping tools, 12 people around them.
	const phase = (/** @type {string} */ word) => ({
		signs: `${word}: wat ik merk. `.repeat(6),
		self: `${word}: wat ik zelf doe. `.repeat(6),
		others: `${word}: wat anderen doen. `.repeat(6),
		careTeam: `${word}: wat mijn begeleiding doet. `.repeat(6)
	});
	const plan = {
		strengths: 'Wandelen, muziek, de groep. '.repeat(8),
		triggers: 'Slecht slapen, drukte, geldzorgen. '.repeat(8),
		green: phase('Groen'),
		orange: phase('Oranje'),
		red: phase('Rood'),
		contacts: { careTeam: 'Tamara 010 123 45 67', gp: 'Huisarts 010 765 43 21', other: 'Zus 06 12 34 56 78' }
	};
	await client.query(`insert into relapse_plan (person_id) values ($1)`, [ids.person_id]);
	await client.query(
		`insert into relapse_plan_version (person_id, day, content) values ($1, current_date, $2::jsonb)`,
		[ids.person_id, JSON.stringify(plan)]
	);
	await client.query(
		`insert into coping_tool (person_id, own_text, rating)
		 select $1, 'Mijn eigen manier nummer ' || n, 1 + n % 5 from generate_series(1, 15) n`,
		[ids.person_id]
	);
	await client.query(
		`insert into support_person (person_id, name, kinds, frequency)
		 select $1, 'Iemand om mij heen ' || n, array['talk', 'practical']::support_kind[],
		        (array['daily', 'weekly', 'monthly', 'less'])[1 + n % 4]::contact_frequency
		   from generate_series(1, 12) n`,
		[ids.person_id]
	);
	// As the sign-in makes it: 32 random bytes, stored as their SHA-256.
	const token = randomBytes(32).toString('base64url');
	await client.query(
		`insert into session (id, token, expires_at, method, user_id)
		 values ($1, $2, now() + interval '2 hours', 'password', $3)`,
		[randomUUID(), createHash('sha256').update(token).digest('hex'), ids.user_id]
	);
	await client.query('commit');
	await client.query('analyze');
	return { cookie: `herstelpad=${token}`, modules, checkIns, answers };
}

/**
 * One workbook: the time to its last byte, the highest RSS while it was made, its bytes, and how long
 * /healthz took meanwhile.
 * @param {Awaited<ReturnType<typeof startApp>>} app @param {string} cookie @param {boolean} large
 */
async function printOnce(app, cookie, large) {
	const before = await settledRssMb(app);
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb(app))), 10);
	/** @type {number[]} */
	const health = [];
	let printing = true;
	const prober = (async () => {
		while (printing) {
			const asked = performance.now();
			await fetch(`${app.url}/healthz`).then((r) => r.arrayBuffer());
			health.push(performance.now() - asked);
			await pause(50);
		}
	})();
	const started = performance.now();
	const response = await fetch(`${app.url}/werkboek/pdf${large ? '?groot=1' : ''}`, { headers: { cookie } });
	if (response.status !== 200 || response.headers.get('content-type') !== 'application/pdf')
		throw new Error(`the workbook answered ${response.status} ${response.headers.get('content-type')}`);
	const bytes = new Uint8Array(await response.arrayBuffer());
	const seconds = (performance.now() - started) / 1000;
	printing = false;
	await prober;
	clearInterval(sampler);
	peak = Math.max(peak, rssMb(app));
	return { seconds, extraRssMb: peak - before, bytes, healthMaxMs: Math.max(0, ...health) };
}

/** @param {Uint8Array} bytes */
async function pagesOf(bytes) {
	const document = await getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
	const pages = document.numPages;
	await document.destroy();
	return pages;
}

if (!buildIfNeeded()) throw new Error('The build failed.');
const app = await startApp('workbook');
const client = new pg.Client({ connectionString: embeddedDatabaseUrl(app.dataDir) });
try {
	await client.connect();
	const seeded = await seedYear(client);
	/** @type {Record<string, unknown>} */
	const results = {
		date: new Date().toISOString(),
		node: process.version,
		cpus: os.cpus().length,
		seeded: {
			modulesOpen: seeded.modules,
			checkIns: seeded.checkIns,
			answers: seeded.answers,
			goalSteps: 6,
			planAnswers: 15,
			copingTools: 15,
			networkPeople: 12
		}
	};
	for (const large of [false, true]) {
		const runs = [];
		for (let run = 0; run < RUNS; run++) runs.push(await printOnce(app, seeded.cookie, large));
		const [first, ...rest] = runs;
		const megabytes = first.bytes.length / 1024 / 1024;
		const worstRss = Math.max(...runs.map((r) => r.extraRssMb));
		results[large ? 'largePrint' : 'normalPrint'] = {
			firstRequestSeconds: round2(first.seconds),
			medianSeconds: round2(median(rest.map((r) => r.seconds))),
			maxSeconds: round2(Math.max(...runs.map((r) => r.seconds))),
			targetSeconds: TARGET.seconds,
			extraRssMbMax: round1(worstRss),
			targetExtraRssMb: TARGET.extraRssMb,
			megabytes: round2(megabytes),
			targetMegabytes: TARGET.megabytes,
			pages: await pagesOf(first.bytes),
			healthzMaxMsWhilePrinting: round1(Math.max(...runs.map((r) => r.healthMaxMs))),
			withinTargets:
				Math.max(...runs.map((r) => r.seconds)) <= TARGET.seconds &&
				worstRss <= TARGET.extraRssMb &&
				megabytes <= TARGET.megabytes
		};
	}
	console.log(JSON.stringify(results, null, 2));
} finally {
	await client.end().catch(() => {});
	app.child.kill('SIGTERM');
	await new Promise((resolve) => app.child.once('exit', resolve));
	fs.rmSync(app.dataDir, { recursive: true, force: true });
}
