// `npm run bench:live`: live mode's figures (issue 17), each printed beside its target.
// Starts two app instances on one database: A on a fresh embedded PostgreSQL, B with DATABASE_URL =
// A's. Seeds inside PostgreSQL (generate_series) one organisation with a group of 30 and `--groups`
// groups of `--phones`, a session today with a running live round and revealed open prompts per
// group, and a signed-in session (sha256 of a random token) per trainer and participant. Then:
//   3. 1,000 streams on instance B (per group: the phones, the wall, the trainer's controls): the
//      app's extra RSS (VmRSS, each time after a forced GC), and whether after one more answer per
//      group every stream receives a message with its group's newest event id;
//   1. the group of 30, answering on A and B in turn, the wall's stream on B: `--rounds` prompts,
//      each opened by the trainer's form action and answered within `--round-seconds`;
//   2. every group at once, phones and walls spread over A and B, every phone answers once within
//      `--spread` seconds;
//   4. the participant's /live page in Chromium: its JavaScript, gzip.
// Answer-to-wall is the time from sending the answer's POST to the arrival of the wall's first
// message that contains it (the prompts are revealed, so the wall's view lists each answer's text,
// and every text is unique; `prompt.answerCount` is checked alongside). After its answer a phone
// loads /live again, as the browser follows the form's redirect (`--follow no`: it does not).
//   node bench/live.js [--rounds 5] [--round-seconds 3] [--groups 100] [--phones 8] [--spread 5]
//                      [--follow yes|no] [--only 1,2,3,4]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { buildIfNeeded } from '../scripts/build-if-needed.js';
import { embeddedDatabaseUrl } from './seed-organisation.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
	options: {
		rounds: { type: 'string', default: '5' },
		'round-seconds': { type: 'string', default: '3' },
		groups: { type: 'string', default: '100' },
		phones: { type: 'string', default: '8' },
		spread: { type: 'string', default: '5' },
		only: { type: 'string', default: '1,2,3,4' },
		follow: { type: 'string', default: 'yes' }
	}
});
const ROUNDS = Number(values.rounds);
const ROUND_MS = Number(values['round-seconds']) * 1000;
const GROUPS = Number(values.groups);
const PHONES = Number(values.phones);
const SPREAD_MS = Number(values.spread) * 1000;
const ONLY = new Set(values.only.split(','));
/** Phones load /live again after their answer, as a browser follows the form's redirect. */
const FOLLOW = values.follow !== 'no';
const BIG_GROUP = 30;
/** Prompts per small group: one for the streams test (3), one for the groups test (2). */
const SMALL_PROMPTS = 2;

/** Same numbers on every run: a small linear congruential generator. */
let seed = 17;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const round1 = (/** @type {number} */ x) => Math.round(x * 10) / 10;

/** @param {number} ms */
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `ready` until it holds or `ms` passed; returns whether it held. */
async function until(/** @type {() => boolean} */ ready, ms = 30_000) {
	const deadline = performance.now() + ms;
	while (!ready()) {
		if (performance.now() > deadline) return false;
		await pause(20);
	}
	return true;
}

/** Runs `work` on every item, at most `limit` at a time. @template T,R */
async function inTurn(
	/** @type {T[]} */ items,
	limit,
	/** @type {(item: T, index: number) => Promise<R>} */ work
) {
	/** @type {R[]} */
	const results = [];
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/** @param {number[]} list @param {number} p 0–100: nearest rank */
function percentile(list, p) {
	if (!list.length) return NaN;
	const sorted = [...list].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A TCP port the system just handed out (closed again at once). @returns {Promise<number>} */
const openPort = () =>
	new Promise((resolve, reject) => {
		const probe = net.createServer().once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (probe.address());
			probe.close(() => resolve(port));
		});
	});

/**
 * One app instance (scripts/serve.js on the build). Instance B may be asked for a full garbage
 * collection (SIGUSR2, `gc()` from a preloaded one-liner) before its memory is read.
 * @param {string} name @param {Record<string, string>} env @param {boolean} collectable
 */
async function startInstance(name, env, collectable) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `herstelpad-live-${name}-`));
	fs.chmodSync(dataDir, 0o755);
	const port = await openPort();
	const url = `http://localhost:${port}`;
	const gcHook = 'data:text/javascript,process.on("SIGUSR2",()=>globalThis.gc())';
	const child = spawn(
		process.execPath,
		[
			'--max-semi-space-size=16',
			'--heap-growing-percent=150',
			...(collectable ? ['--expose-gc', '--import', gcHook] : []),
			'scripts/serve.js'
		],
		{
			cwd: root,
			env: {
				...process.env,
				NODE_ENV: 'production',
				PORT: String(port),
				ORIGIN: url,
				DATA_DIR: dataDir,
				LOG_LEVEL: 'warn',
				DEMO: 'off',
				REMINDERS: 'off',
				...env
			},
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`instance ${name} exited (${child.exitCode})`);
		if (Date.now() > deadline) throw new Error(`instance ${name} not ready`);
		const ready = await fetch(`${url}/readyz`).then(
			(r) => r.ok,
			() => false
		);
		if (ready) break;
		await pause(100);
	}
	return { name, url, dataDir, child };
}

/** @param {{ child: import('node:child_process').ChildProcess }} instance @returns {number} VmRSS in MB */
function rssMb(instance) {
	const status = fs.readFileSync(`/proc/${instance.child.pid}/status`, 'utf8');
	return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * CPU seconds (user + system) a process used so far, from /proc; 0 once it is gone. With
 * `reaped`, also what its children that ended used (PostgreSQL's backends that closed).
 */
function cpuSeconds(/** @type {number} */ pid, reaped = false) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		const children = reaped ? Number(fields[13]) + Number(fields[14]) : 0;
		return (Number(fields[11]) + Number(fields[12]) + children) / 100;
	} catch {
		return 0;
	}
}

/**
 * CPU used so far by the two instances, by the database (the postmaster of A's embedded PostgreSQL
 * and every process it forked) and by this script: the machine's cost per answer, steadier than
 * latency on a busy machine, and a check that this script was not the bottleneck.
 * @param {Awaited<ReturnType<typeof startInstance>>[]} apps
 */
function cpuNow(apps) {
	const postmaster = Number(
		fs.readFileSync(path.join(apps[0].dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]
	);
	let database = cpuSeconds(postmaster, true);
	for (const entry of fs.readdirSync('/proc'))
		if (/^\d+$/.test(entry) && fs.existsSync(`/proc/${entry}/stat`))
			try {
				if (
					fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(postmaster)
				)
					database += cpuSeconds(Number(entry));
			} catch {
				// ended meanwhile
			}
	const own = process.cpuUsage();
	return {
		apps: apps.reduce((sum, app) => sum + cpuSeconds(/** @type {number} */ (app.child.pid)), 0),
		database,
		bench: (own.user + own.system) / 1e6
	};
}

/**
 * Meters the answering: CPU ms per answer of the instances, the database and this script, and this
 * script's worst event-loop delay (a late timer sends late and notes arrivals late).
 * @param {any[]} apps
 */
function meter(apps, /** @type {pg.ClientBase} */ client) {
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	const before = cpuNow(apps);
	// Every write that logs takes the access log's chain lock (pg_advisory_xact_lock(7513), migration
	// 0002) until it commits: how many transactions wait for it, sampled every 100 ms.
	const waiting = { max: 0, sum: 0, samples: 0, busy: false };
	const sampler = setInterval(() => {
		if (waiting.busy) return;
		waiting.busy = true;
		client
			.query(
				`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 7513 and not granted`
			)
			.then(({ rows: [row] }) => {
				waiting.max = Math.max(waiting.max, row.n);
				waiting.sum += row.n;
				waiting.samples++;
			})
			.catch(() => {})
			.finally(() => (waiting.busy = false));
	}, 100);
	return {
		stop(/** @type {number} */ answers) {
			clearInterval(sampler);
			const after = cpuNow(apps);
			delay.disable();
			const perAnswer = (/** @type {'apps' | 'database' | 'bench'} */ key) =>
				round1(((after[key] - before[key]) * 1000) / Math.max(1, answers));
			return {
				cpuMsPerAnswer: {
					apps: perAnswer('apps'),
					database: perAnswer('database'),
					bench: perAnswer('bench')
				},
				benchLoopDelayMaxMs: round1(delay.max / 1e6),
				waitingForLogLock: { max: waiting.max, mean: round1(waiting.sum / Math.max(1, waiting.samples)) }
			};
		}
	};
}

/** A full GC in instance B, then its RSS once two readings 500 ms apart agree within 1 MB. */
async function settledRssMb(/** @type {Awaited<ReturnType<typeof startInstance>>} */ instance) {
	instance.child.kill('SIGUSR2');
	let last = rssMb(instance);
	for (let i = 0; i < 20; i++) {
		await pause(500);
		const now = rssMb(instance);
		if (Math.abs(now - last) < 1) return now;
		last = now;
	}
	return last;
}

/**
 * Seeds the organisation in one transaction. Returns per group its ids, its prompts in order, the
 * trainer's cookie and the participants' cookies.
 * @param {pg.ClientBase} client
 */
async function seedLive(client) {
	await client.query('begin');
	const {
		rows: [org]
	} = await client.query(
		`insert into organisation (name, slug, is_demo) values ('Benchmark live modus (synthetisch)', 'bench-live', true)
		 returning id`
	);
	// Group 0 is the group of 30; groups 1..n have `phones` participants each.
	await client.query(
		`create temp table bl_group on commit drop as
		 select n, gen_random_uuid() as id, gen_random_uuid() as session_id, gen_random_uuid() as round_id,
		        gen_random_uuid()::text as trainer_user, gen_random_uuid() as trainer_person,
		        case when n = 0 then $1::int else $2::int end as size,
		        case when n = 0 then $3::int else $4::int end as prompts
		   from generate_series(0, $5::int) n`,
		[BIG_GROUP, PHONES, ROUNDS + 1, SMALL_PROMPTS, GROUPS]
	);
	await client.query(
		`create temp table bl_participant on commit drop as
		 select g.n as group_n, g.id as group_id, k, gen_random_uuid()::text as user_id, gen_random_uuid() as person_id
		   from bl_group g, generate_series(1, g.size) k`
	);
	await client.query(
		`insert into "user" (id, name, email, email_verified)
		 select trainer_user, 'Trainer ' || n, 'trainer' || n || '@bench-live.example', true from bl_group
		 union all
		 select user_id, 'Deelnemer ' || group_n || '-' || k, 'deelnemer' || group_n || '-' || k || '@bench-live.example', true
		   from bl_participant`
	);
	await client.query(
		`insert into person (id, organisation_id, user_id, role, display_name)
		 select trainer_person, $1::uuid, trainer_user, 'trainer'::role, 'Trainer ' || lpad(n::text, 3, '0') from bl_group
		 union all
		 select person_id, $1::uuid, user_id, 'participant'::role, 'Deelnemer ' || group_n || '-' || k from bl_participant`,
		[org.id]
	);
	const today = `(now() at time zone 'Europe/Amsterdam')::date`;
	await client.query(
		`insert into course_group (id, organisation_id, name, location, weekday, start_time, start_date)
		 select id, $1, 'Livegroep ' || lpad(n::text, 3, '0'), 'Zaal ' || (1 + n % 4),
		        extract(isodow from ${today})::int, '10:00', ${today} - 28
		   from bl_group`,
		[org.id]
	);
	await client.query(
		`insert into group_trainer (group_id, person_id) select id, trainer_person from bl_group`
	);
	await client.query(
		`insert into group_member (group_id, person_id, joined_at) select group_id, person_id, now() - interval '28 days'
		   from bl_participant`
	);
	await client.query(
		`insert into group_session (id, group_id, date, start_time, status, module_number)
		 select session_id, id, ${today}, '10:00', 'planned', 1 from bl_group`
	);
	// Open prompts, anonymous, shown on the wall as they come in (revealed): the wall's view then
	// holds every answer's text, which tells exactly when an answer reached it.
	await client.query(
		`insert into live_prompt (group_id, session_id, position, kind, text, anonymous, revealed, created_by_person_id)
		 select g.id, g.session_id, p, 'open',
		        jsonb_build_object('nl', 'Wat hielp je deze week? (' || p || ')', 'en', 'What helped you this week? (' || p || ')'),
		        true, true, g.trainer_person
		   from bl_group g, generate_series(1, g.prompts) p`
	);
	await client.query(
		`insert into live_round (id, group_id, session_id, started_by_person_id)
		 select round_id, id, session_id, trainer_person from bl_group`
	);
	await client.query(
		`insert into live_event (group_id, round_id, kind) select id, round_id, 'start' from bl_group`
	);
	const { rows: tokens } = await client.query(
		`with people as (
		   select n as group_n, 0 as k, trainer_user as user_id, 'totp' as second_factor from bl_group
		   union all select group_n, k, user_id, null from bl_participant
		 ), signed as (
		   -- 32 random-enough bytes in base64url, as the sign-in makes them (43 characters).
		   select *, translate(rtrim(encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')),
		                                    'base64'), '='), '+/', '-_') as token
		     from people
		 ), inserted as (
		   insert into session (id, token, expires_at, method, second_factor, user_id)
		   select gen_random_uuid()::text, encode(sha256(convert_to(token, 'UTF8')), 'hex'), now() + interval '12 hours',
		          'password', second_factor, user_id
		     from signed
		 )
		 select group_n, k, token from signed order by group_n, k`
	);
	const { rows: groupRows } = await client.query(
		`select g.n, g.id, g.session_id, array_agg(p.id order by p.position) as prompts
		   from bl_group g join live_prompt p on p.group_id = g.id group by g.n, g.id, g.session_id order by g.n`
	);
	await client.query('commit');
	await client.query('analyze');
	return groupRows.map((row) => {
		const own = tokens.filter((t) => t.group_n === row.n);
		return {
			n: row.n,
			id: row.id,
			sessionId: row.session_id,
			/** @type {string[]} */
			prompts: row.prompts,
			trainer: `herstelpad=${own.find((t) => t.k === 0).token}`,
			participants: own.filter((t) => t.k > 0).map((t) => `herstelpad=${t.token}`)
		};
	});
}

/** @typedef {Awaited<ReturnType<typeof seedLive>>[number]} Group */
/** @typedef {{ close(): void, lastId: number, messages: number, first: Promise<void> }} Stream */

/**
 * Opens a Server-Sent Events stream; `onMessage` gets each message's data (JSON text) and the time
 * it arrived. Resolves once the server answered 200.
 * @param {string} url @param {string} cookie @param {(data: string, at: number) => void} [onMessage]
 * @returns {Promise<Stream>}
 */
function openStream(url, cookie, onMessage) {
	return new Promise((resolve, reject) => {
		const request = http.get(
			url,
			{ agent: false, headers: { cookie, accept: 'text/event-stream' } },
			(response) => {
				if (response.statusCode !== 200) {
					response.resume();
					reject(new Error(`${url}: ${response.statusCode}`));
					return;
				}
				/** @type {() => void} */
				let firstArrived = () => {};
				/** @type {Stream} */
				const stream = {
					close: () => request.destroy(),
					lastId: -1,
					messages: 0,
					first: new Promise((done) => (firstArrived = done))
				};
				let buffer = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => {
					const at = performance.now();
					buffer += chunk;
					let end;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const block = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						const id = /^id: (\d+)$/m.exec(block)?.[1];
						if (id === undefined) continue; // retry: or a keep-alive comment
						stream.lastId = Number(id);
						stream.messages++;
						firstArrived();
						if (onMessage) onMessage(/^data: (.*)$/m.exec(block)?.[1] ?? 'null', at);
					}
				});
				response.on('error', () => {});
				resolve(stream);
			}
		);
		request.on('error', reject);
	});
}

/** A form post as a browser without JavaScript sends it; returns the status (303 when it worked). */
async function post(/** @type {string} */ base, /** @type {string} */ pathname, cookie, fields) {
	const response = await fetch(base + pathname, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie,
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
	await response.arrayBuffer();
	return response.status;
}

const livePath = (/** @type {Group} */ g) => `/trainer/groepen/${g.id}/sessies/${g.sessionId}/live`;
const wallUrl = (base, /** @type {Group} */ g) => `${base}${livePath(g)}/stroom?scherm=muur`;

/** The trainer opens the group's next prompt (form action `?/step`). */
async function nextPrompt(base, /** @type {Group} */ g) {
	const status = await post(base, `${livePath(g)}?/step`, g.trainer, { stap: 'next' });
	if (status !== 303) throw new Error(`step next for group ${g.n}: ${status}`);
}

/**
 * Follows a wall: for each answer text still awaited (`pending`: text → send time), notes when it
 * first appeared on the wall. `seen.promptId` is the prompt the wall shows.
 */
function wallWatcher() {
	/** @type {Map<string, { sentAt: number, answeredAt: number, arrivedAt: number | null }>} */
	const pending = new Map();
	const seen = { promptId: '', answerCount: 0, countBehind: 0 };
	const onMessage = (/** @type {string} */ data, /** @type {number} */ at) => {
		const view = JSON.parse(data);
		seen.promptId = view.prompt?.id ?? '';
		seen.answerCount = view.prompt?.answerCount ?? 0;
		const cards = view.prompt?.results?.kind === 'cards' ? view.prompt.results.cards : [];
		if (cards.length > seen.answerCount) seen.countBehind++;
		for (const card of cards) {
			const entry = pending.get(card.text);
			if (entry && entry.arrivedAt === null) entry.arrivedAt = at;
		}
	};
	return { pending, seen, onMessage };
}

/** Sends an answer and notes when it was sent; counts failures. */
async function answer(
	base,
	cookie,
	promptId,
	text,
	/** @type {ReturnType<typeof wallWatcher>} */ wall,
	failures
) {
	const entry = {
		sentAt: performance.now(),
		answeredAt: 0,
		arrivedAt: /** @type {number | null} */ (null)
	};
	wall.pending.set(text, entry);
	const status = await post(base, '/live', cookie, { vraag: promptId, antwoord: text });
	entry.answeredAt = performance.now();
	if (status !== 303) {
		failures.count++;
		wall.pending.delete(text);
	} else if (FOLLOW) {
		const page = await fetch(`${base}/live?opgeslagen`, { headers: { cookie, accept: 'text/html' } });
		await page.arrayBuffer();
		if (page.status !== 200) failures.count++;
	}
}

/**
 * Latencies (ms) of the answers that arrived, how many did not, and each POST's own round trip
 * (until its 303: the answer is stored and the event committed).
 */
function latencies(/** @type {ReturnType<typeof wallWatcher>[]} */ walls) {
	const arrived = [];
	const posts = [];
	let missing = 0;
	for (const wall of walls)
		for (const entry of wall.pending.values()) {
			posts.push(entry.answeredAt - entry.sentAt);
			if (entry.arrivedAt === null) missing++;
			else arrived.push(entry.arrivedAt - entry.sentAt);
		}
	return { arrived, missing, postP95Ms: round1(percentile(posts, 95)) };
}

/** 1: the group of 30 on both instances, the wall on B. */
async function groupOfThirty(
	/** @type {any[]} */ apps,
	/** @type {Group} */ g,
	/** @type {pg.ClientBase} */ client
) {
	const [a, b] = apps;
	const wall = wallWatcher();
	const stream = await openStream(wallUrl(b.url, g), g.trainer, wall.onMessage);
	await stream.first;
	const failures = { count: 0 };
	const metered = meter(apps, client);
	for (let round = 0; round < ROUNDS; round++) {
		const promptId = g.prompts[round];
		await nextPrompt(a.url, g);
		if (!(await until(() => wall.seen.promptId === promptId)))
			throw new Error(`round ${round}: the wall did not show the new prompt`);
		await Promise.all(
			g.participants.map(async (cookie, i) => {
				await pause(random() * ROUND_MS);
				await answer(i % 2 ? b.url : a.url, cookie, promptId, `Ronde ${round} antwoord ${i}`, wall, failures);
			})
		);
		await until(() => [...wall.pending.values()].every((entry) => entry.arrivedAt !== null), 15_000);
	}
	const cost = metered.stop(ROUNDS * g.participants.length);
	stream.close();
	const { arrived, missing, postP95Ms } = latencies([wall]);
	return {
		answers: arrived.length + missing,
		p50Ms: round1(percentile(arrived, 50)),
		p95Ms: round1(percentile(arrived, 95)),
		maxMs: round1(Math.max(...arrived)),
		postP95Ms,
		neverOnWall: missing,
		failedPosts: failures.count,
		answerCountBehindCards: wall.seen.countBehind,
		...cost
	};
}

/** The newest live event per group id. @param {pg.ClientBase} client */
async function newestEvents(client) {
	const { rows } = await client.query(
		`select group_id, max(id)::int as id from live_event group by group_id`
	);
	return new Map(rows.map((row) => [row.group_id, row.id]));
}

/** 3: 1,000 streams on instance B: extra RSS, and nothing lost after one more change per group. */
async function manyStreams(/** @type {any[]} */ apps, /** @type {Group[]} */ groups, client) {
	const [a, b] = apps;
	// Warm up the code paths (first stream of each kind), then measure from a collected heap.
	const warmGroup = groups[0];
	for (const [url, cookie] of [
		[`${b.url}/live/stroom`, warmGroup.participants[0]],
		[wallUrl(b.url, warmGroup), warmGroup.trainer],
		[`${b.url}${livePath(warmGroup)}/stroom`, warmGroup.trainer]
	]) {
		const warm = await openStream(url, cookie);
		await warm.first;
		warm.close();
	}
	await pause(1000);
	const before = await settledRssMb(b);
	/** @type {{ group: Group, url: string, cookie: string }[]} */
	const plan = [];
	for (const g of groups) {
		for (const cookie of g.participants) plan.push({ group: g, url: `${b.url}/live/stroom`, cookie });
		plan.push({ group: g, url: wallUrl(b.url, g), cookie: g.trainer });
		plan.push({ group: g, url: `${b.url}${livePath(g)}/stroom`, cookie: g.trainer });
	}
	const opening = performance.now();
	const streams = await inTurn(plan, 25, async (entry) => {
		const stream = await openStream(entry.url, entry.cookie);
		await stream.first;
		return stream;
	});
	const openSeconds = (performance.now() - opening) / 1000;
	const after = await settledRssMb(b);
	// One more change per group: an answer from its first phone, sent to the other instance.
	const failures = { count: 0 };
	const scratch = wallWatcher();
	await inTurn(groups, 10, (g) =>
		answer(a.url, g.participants[0], g.prompts[0], `Nog één ${g.n}`, scratch, failures)
	);
	const newest = await newestEvents(client);
	const upToDate = () => streams.filter((s, i) => s.lastId === newest.get(plan[i].group.id)).length;
	const waited = performance.now();
	await until(() => upToDate() === streams.length, 30_000);
	const result = {
		connections: streams.length,
		openedInSeconds: round1(openSeconds),
		rssBeforeMb: round1(before),
		rssAfterMb: round1(after),
		extraRssMb: round1(after - before),
		kbPerConnection: round1(((after - before) * 1024) / streams.length),
		receivedNewest: upToDate(),
		lost: streams.length - upToDate(),
		newestWithinMs: Math.round(performance.now() - waited),
		failedPosts: failures.count
	};
	for (const stream of streams) stream.close();
	return result;
}

/** 2: every group live at once, phones and walls spread over both instances. */
async function manyGroups(/** @type {any[]} */ apps, /** @type {Group[]} */ groups, client) {
	await inTurn(groups, 10, (g, i) => nextPrompt(apps[i % 2].url, g));
	const walls = groups.map(() => wallWatcher());
	/** @type {{ group: Group, index: number, cookie: string, app: any }[]} */
	const phones = [];
	groups.forEach((g, gi) =>
		g.participants.forEach((cookie, index) =>
			phones.push({ group: g, index, cookie, app: apps[(gi + index) % 2] })
		)
	);
	const wallStreams = await inTurn(groups, 25, async (g, gi) => {
		const stream = await openStream(wallUrl(apps[(gi + 1) % 2].url, g), g.trainer, walls[gi].onMessage);
		await stream.first;
		return stream;
	});
	const phoneStreams = await inTurn(phones, 25, async (phone) => {
		const stream = await openStream(`${phone.app.url}/live/stroom`, phone.cookie);
		await stream.first;
		return stream;
	});
	if (!(await until(() => walls.every((wall, gi) => wall.seen.promptId === groups[gi].prompts[1]))))
		throw new Error('not every wall shows the new prompt');
	// Every phone answers once, in a shuffled order, evenly over the spread.
	const order = phones.map((_, i) => i).sort(() => random() - 0.5);
	const failures = { count: 0 };
	const metered = meter(apps, client);
	const started = performance.now();
	await Promise.all(
		order.map(async (phoneIndex, slot) => {
			await pause((slot / order.length) * SPREAD_MS);
			const phone = phones[phoneIndex];
			const gi = groups.indexOf(phone.group);
			await answer(
				phone.app.url,
				phone.cookie,
				phone.group.prompts[1],
				`Groep ${phone.group.n} telefoon ${phone.index}`,
				walls[gi],
				failures
			);
		})
	);
	const sentSeconds = (performance.now() - started) / 1000;
	await until(
		() => walls.every((wall) => [...wall.pending.values()].every((entry) => entry.arrivedAt !== null)),
		30_000
	);
	const cost = metered.stop(order.length);
	const newest = await newestEvents(client);
	const phonesUpToDate = () =>
		phoneStreams.filter((s, i) => s.lastId === newest.get(phones[i].group.id)).length;
	await until(() => phonesUpToDate() === phoneStreams.length, 10_000);
	const { arrived, missing, postP95Ms } = latencies(walls);
	const result = {
		phones: phoneStreams.length,
		walls: wallStreams.length,
		answers: arrived.length + missing,
		sentInSeconds: round1(sentSeconds),
		p50Ms: round1(percentile(arrived, 50)),
		p95Ms: round1(percentile(arrived, 95)),
		maxMs: round1(Math.max(...arrived)),
		postP95Ms,
		neverOnWall: missing,
		failedPosts: failures.count,
		phonesWithNewest: phonesUpToDate(),
		...cost
	};
	for (const stream of [...wallStreams, ...phoneStreams]) stream.close();
	return result;
}

/** 4: the participant's /live page in Chromium (a prompt open): every script it loads, gzip. */
async function livePageJs(/** @type {any} */ app, /** @type {Group} */ g) {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage'
		]
	});
	try {
		const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
		await context.addCookies([{ name: 'herstelpad', value: g.participants[0].split('=')[1], url: app.url }]);
		const page = await context.newPage();
		/** @type {Promise<{ url: string, gzip: number }>[]} */
		const scripts = [];
		let lastScriptAt = performance.now();
		page.on('response', (response) => {
			if (response.request().resourceType() !== 'script') return;
			lastScriptAt = performance.now();
			scripts.push(response.body().then((body) => ({ url: response.url(), gzip: gzipSync(body).length })));
		});
		// The page keeps its stream open, so the network is never idle: wait for hydration, then for
		// a second without a new script (a lazily loaded part would come then).
		const response = await page.goto(`${app.url}/live`, { waitUntil: 'load' });
		if (response?.status() !== 200 || !page.url().endsWith('/live'))
			throw new Error(`/live answered ${response?.status()} at ${page.url()}`);
		await page.waitForFunction(() => document.documentElement.dataset.hydrated !== undefined);
		await until(() => performance.now() - lastScriptAt > 1000, 10_000);
		const sizes = await Promise.all(scripts);
		const form = await page.locator('textarea, input[type=radio]').count();
		return {
			files: sizes.length,
			gzipKb: round1(sizes.reduce((sum, s) => sum + s.gzip, 0) / 1024),
			answerFieldShown: form > 0,
			largestKb: sizes
				.sort((x, y) => y.gzip - x.gzip)
				.slice(0, 5)
				.map((s) => `${new URL(s.url).pathname.split('/').pop()} ${round1(s.gzip / 1024)}`)
		};
	} finally {
		await browser.close();
	}
}

const started = performance.now();
if (!buildIfNeeded()) process.exit(1);
const a = await startInstance('a', { EMBEDDED_PG_PORT: String(await openPort()) }, false);
/** @type {Awaited<ReturnType<typeof startInstance>> | null} */
let b = null;
/** @type {Record<string, unknown>} */
const results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length };
const client = new pg.Client({ connectionString: embeddedDatabaseUrl(a.dataDir) });
try {
	b = await startInstance('b', { DATABASE_URL: embeddedDatabaseUrl(a.dataDir) }, true);
	const apps = [a, b];
	await client.connect();
	const seeding = performance.now();
	const [big, ...small] = await seedLive(client);
	console.error(
		`seeded ${1 + small.length} groups in ${((performance.now() - seeding) / 1000).toFixed(1)} s`
	);
	// The small groups' first prompt is open from here on (the streams test answers it).
	await inTurn(small, 10, (g, i) => nextPrompt(apps[i % 2].url, g));
	if (ONLY.has('3')) {
		results.streams = await manyStreams(apps, small, client);
		console.error(`3. streams: ${JSON.stringify(results.streams)}`);
	}
	if (ONLY.has('1')) {
		results.groupOfThirty = await groupOfThirty(apps, big, client);
		console.error(`1. group of 30: ${JSON.stringify(results.groupOfThirty)}`);
	}
	if (ONLY.has('2')) {
		results.manyGroups = await manyGroups(apps, small, client);
		console.error(`2. ${small.length} groups: ${JSON.stringify(results.manyGroups)}`);
	}
	if (ONLY.has('4')) {
		// A prompt nobody answered yet: the page shows the answer form.
		await nextPrompt(a.url, big);
		results.livePage = await livePageJs(a, big);
		console.error(`4. /live page: ${JSON.stringify(results.livePage)}`);
	}
	results.rssEndMb = { a: round1(rssMb(a)), b: round1(rssMb(b)) };
} finally {
	await client.end().catch(() => {});
	for (const app of [b, a]) {
		if (!app) continue;
		app.child.kill('SIGTERM');
		if (app.child.exitCode === null) await new Promise((resolve) => app.child.once('exit', resolve));
		fs.rmSync(app.dataDir, { recursive: true, force: true });
	}
}
results.totalSeconds = round1((performance.now() - started) / 1000);
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'live.json'), JSON.stringify(results, null, 2));

/** @type {[string, string, string, boolean | null][]} */
const rows = [];
const r = /** @type {any} */ (results);
if (r.groupOfThirty)
	rows.push([
		`1. answer-to-wall, group of 30 on 2 instances (${r.groupOfThirty.answers} answers, p50 ${r.groupOfThirty.p50Ms} ms)`,
		`p95 ${r.groupOfThirty.p95Ms} ms`,
		'p95 ≤ 300 ms',
		r.groupOfThirty.p95Ms <= 300 && r.groupOfThirty.neverOnWall === 0 && r.groupOfThirty.failedPosts === 0
	]);
if (r.manyGroups)
	rows.push([
		`2. answer-to-wall, ${r.manyGroups.walls} groups, ${r.manyGroups.phones} phones (p50 ${r.manyGroups.p50Ms} ms)`,
		`p95 ${r.manyGroups.p95Ms} ms`,
		'p95 ≤ 500 ms',
		r.manyGroups.p95Ms <= 500 && r.manyGroups.neverOnWall === 0 && r.manyGroups.failedPosts === 0
	]);
if (r.streams) {
	rows.push([
		`3. extra RSS, ${r.streams.connections} open streams on one instance`,
		`${r.streams.extraRssMb} MB`,
		'≤ 150 MB',
		r.streams.extraRssMb <= 150
	]);
	rows.push([
		'3. streams with the newest event after one more change',
		`${r.streams.receivedNewest} of ${r.streams.connections}`,
		'all (none lost)',
		r.streams.lost === 0
	]);
}
if (r.livePage)
	rows.push([
		`4. participant's /live page, JavaScript (${r.livePage.files} files)`,
		`${r.livePage.gzipKb} KB gzip`,
		'≤ 45 KB gzip',
		r.livePage.gzipKb <= 45
	]);
const width = Math.max(...rows.map((row) => row[0].length));
console.log(JSON.stringify(results, null, 2));
console.log('');
for (const [what, measured, target, ok] of rows)
	console.log(
		`${what.padEnd(width)}  ${measured.padStart(16)}  target ${target.padEnd(16)} ${ok ? '✓' : '✗'}`
	);
