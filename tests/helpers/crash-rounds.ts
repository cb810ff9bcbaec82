/**
 * Crash rounds (issue 22, item 2), shared by the short test in CI (tests/e2e/crash.test.ts) and the
 * long benchmark (`npm run bench:crash`): two app instances on one PostgreSQL that the test owns (an
 * embedded PostgreSQL in a directory of its own, never the machine's server), writers over HTTP as
 * signed-in participants of an organisation made for the round, and a `kill -9` mid-load of either
 * one instance or the PostgreSQL server. The round then counts what the writers were told against
 * what the database holds.
 *
 * The writers behave as a browser form does after a failed post: on a connection error or a 5xx
 * they send the same form again — with the same idempotency key — to the other instance (as a
 * proxy would), until it is acknowledged. The test plays the PostgreSQL server's supervisor: it
 * starts the server again once both instances said on /readyz that it is gone; the instances
 * themselves are never restarted during a round.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/lib/server/db/embedded';
import { verifyChain } from '../../src/lib/server/audit/verify';
import { spawnApp, stopApp, tempDataDir, waitFor, type AppProcess } from './app';
import { buildCurriculum, buildGroup, buildOrganisation, buildPerson, buildSignedIn } from './builders';

/** Polls `done` every `intervalMs` until it holds; throws `what` after `timeoutMs`. */
export async function until(
	what: string,
	done: () => boolean | Promise<boolean>,
	timeoutMs = 60_000,
	intervalMs = 50
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** An embedded PostgreSQL owned by the test: it can be killed, and the test starts it again. */
export class OwnPostgres {
	private constructor(
		readonly dataDir: string,
		readonly port: number,
		readonly url: string,
		private server: EmbeddedServer
	) {}

	static async start(): Promise<OwnPostgres> {
		const dataDir = await tempDataDir();
		const server = await startEmbeddedPostgres({ dataDir });
		return new OwnPostgres(dataDir, server.port, server.url, server);
	}

	async postmaster(): Promise<number> {
		const pidFile = await fs.readFile(path.join(this.dataDir, 'pg', 'postmaster.pid'), 'utf8');
		return Number(pidFile.split('\n')[0]);
	}

	/** `kill -9` of the postmaster: its backends end by themselves once they notice. */
	async kill(): Promise<void> {
		process.kill(await this.postmaster(), 'SIGKILL');
	}

	/**
	 * Starts the server again on the same port (the instances' DATABASE_URL names it). Its killed
	 * backends may hold the old shared memory for a moment: until then a start is refused.
	 */
	async restart(timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				this.server = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port });
				return;
			} catch (error) {
				if (Date.now() > deadline) throw error;
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		}
	}

	async stop(): Promise<void> {
		await this.server.stop();
		await fs.rm(this.dataDir, { recursive: true, force: true });
	}
}

/** Two (or more) instances on one database, with the same secret, as behind a load balancer. */
export class Cluster {
	readonly apps: AppProcess[] = [];
	private constructor(
		readonly postgres: OwnPostgres,
		readonly database: Database,
		private readonly env: Record<string, string>
	) {}

	static async start(instances = 2): Promise<Cluster> {
		const postgres = await OwnPostgres.start();
		const env = { DATABASE_URL: postgres.url, AUTH_SECRET: randomBytes(32).toString('hex') };
		const cluster = new Cluster(postgres, openDatabase(postgres.url, 4), env);
		// The first migrates the database; the others find it current.
		await cluster.startInstance();
		while (cluster.apps.length < instances) await cluster.startInstance();
		return cluster;
	}

	async startInstance(): Promise<AppProcess> {
		const app = await spawnApp(this.env);
		this.apps.push(app);
		await waitFor(app, '/readyz');
		return app;
	}

	/** The instances still running (a killed one stays in `apps` for its output). */
	running(): AppProcess[] {
		return this.apps.filter((app) => app.child.exitCode === null && app.child.signalCode === null);
	}

	async stop(): Promise<void> {
		for (const app of this.apps) await stopApp(app);
		await this.database.close();
		await this.postgres.stop();
		for (const app of this.apps) await fs.rm(app.dataDir, { recursive: true, force: true });
	}
}

const STEPS = 4;

interface Writer {
	personId: string;
	cookie: string;
}

/**
 * An organisation of the round's own: one group whose check-in is open today (a session every
 * week on today's weekday), a module of exercise steps open for it, and `count` participants, each
 * signed in (a session made in the database, as the browser tests' own organisations do).
 */
export async function buildWriters(database: Database, count: number): Promise<Writer[]> {
	const { db } = database;
	const org = await buildOrganisation(db);
	const participants = [];
	for (let i = 0; i < count; i++)
		participants.push(await buildPerson(db, { organisationId: org.id, role: 'participant' }));
	const trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	const group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants });
	await db.execute(sql`update course_group set weekday = extract(isodow from current_date - 28)::int,
		start_time = '00:01', start_date = current_date - 28 where id = ${group.id}`);
	await db.execute(sql`insert into group_session (group_id, date, start_time)
		select ${group.id}, day::date, '00:01'
		from generate_series(current_date - 28, current_date + 28, interval '7 days') day`);
	const { modules } = await buildCurriculum(db, {
		organisationId: org.id,
		modules: 1,
		stepsPerModule: STEPS,
		groups: [group.id]
	});
	// Step keys in a URL start with two digits (01-stap-1).
	await db.execute(sql`update curriculum_step set key = '0' || key, kind = 'exercise',
		question = '{"nl": "Wat merk je?", "en": "What do you notice?"}'::jsonb
		where module_id = ${modules[0]!.id}`);
	const writers = [];
	for (const actor of participants)
		writers.push({ personId: actor.personId, cookie: `herstelpad=${await buildSignedIn(db, actor)}` });
	return writers;
}

type Kind = 'check_in' | 'message' | 'answer';

/** One write as the participant means it: what was sent, and what the server last said. */
interface Write {
	kind: Kind;
	personId: string;
	/** The text that identifies it in the database. */
	text: string;
	/** For an answer: which step (an answer replaces the one before it). */
	step?: string;
	acknowledged: boolean;
	/** Attempts that failed (connection error or 5xx) and were sent again to the other instance. */
	retries: number;
}

/**
 * A request and how its answer acknowledges the write: for a form, the 303 to where the form goes
 * after its write; for the check-in, the page that says it was sent (every answer of it redirects
 * to the same page).
 */
interface Post {
	path: string;
	/** A form to post; without one, a GET. */
	form?: Record<string, string>;
	acknowledged: (answer: { status: number; location: string; html: string }) => boolean;
}

/**
 * Writers under load: writer i posts to instance i mod n first. Each finishes the write it is at
 * before it stops, so every write ends acknowledged or, after `retryForMs`, refused for good.
 */
export class Load {
	readonly writes: Write[] = [];
	/** Answers that were neither an acknowledgement nor a failure to retry (e.g. a 400): defects. */
	readonly unexpected: string[] = [];
	/** 5xx answers other than 503: the app should never give them. */
	readonly serverErrors: string[] = [];
	/** Failed attempts (connection errors and 5xx), each sent again. */
	failures = 0;
	/** Times of acknowledgements that needed a retry. */
	readonly recovered: number[] = [];
	private stopped = false;
	private readonly running: Promise<void>;

	constructor(
		private readonly apps: () => AppProcess[],
		writers: Writer[],
		private readonly tag: string,
		private readonly retryForMs = 120_000
	) {
		this.running = Promise.all(writers.map((writer, i) => this.write(writer, i))).then(() => undefined);
	}

	get acknowledged(): number {
		return this.writes.filter((write) => write.acknowledged).length;
	}

	/** Waits for `more` acknowledgements from now on. */
	async acknowledge(more: number, timeoutMs = 120_000): Promise<void> {
		const target = this.acknowledged + more;
		await until(`${more} more writes acknowledged`, () => this.acknowledged >= target, timeoutMs);
	}

	async stop(): Promise<void> {
		this.stopped = true;
		await this.running;
	}

	private async write(writer: Writer, index: number): Promise<void> {
		const name = `${this.tag} w${index}`;
		const checkIn: Write = {
			kind: 'check_in',
			personId: writer.personId,
			text: `${name} check-in`,
			acknowledged: false,
			retries: 0
		};
		this.writes.push(checkIn);
		// Without a step of their own, the last question asks for one.
		for (const [question, answer] of [
			['gewerkt', 'yes'],
			['dichtbij', '3'],
			['bespreken', checkIn.text],
			['nieuwe-stap', 'Elke dag een stukje wandelen']
		] as const)
			if (!(await this.send(writer, index, checkIn, checkInPost(question, answer)))) return;
		const sent = await this.send(writer, index, checkIn, {
			path: '/check-in',
			acknowledged: ({ status, html }) => status === 200 && html.includes('Je check-in is verstuurd.')
		});
		if (!sent) return;
		checkIn.acknowledged = true;
		for (let i = 0; i < 10_000 && !this.stopped; i++) {
			const text = `${name} ${i}`;
			const write: Write =
				i % 2 === 0
					? { kind: 'message', personId: writer.personId, text, acknowledged: false, retries: 0 }
					: {
							kind: 'answer',
							personId: writer.personId,
							text,
							step: `01-stap-${(i % STEPS) + 1}`,
							acknowledged: false,
							retries: 0
						};
			this.writes.push(write);
			const post: Post =
				write.kind === 'message'
					? {
							path: '/berichten',
							form: { bericht: text, sleutel: randomUUID() },
							acknowledged: ({ status, location }) => status === 303 && location === '/berichten?verstuurd'
						}
					: {
							path: `/modules/1/${write.step}?/next`,
							form: { answer: text },
							acknowledged: ({ status, location }) => status === 303 && location.startsWith('/modules/1')
						};
			if (!(await this.send(writer, index, write, post))) return;
			write.acknowledged = true;
		}
	}

	/** Sends one post until acknowledged; false when it was refused for good (a defect). */
	private async send(writer: Writer, index: number, write: Write, post: Post): Promise<boolean> {
		const deadline = Date.now() + this.retryForMs;
		const body = post.form && new URLSearchParams(post.form).toString();
		for (let attempt = 0; ; attempt++) {
			const apps = this.apps();
			const app = apps[(index + attempt) % apps.length];
			if (!app) {
				this.unexpected.push(`${write.text}: no instance left running`);
				return false;
			}
			const outcome = await fetch(app.url + post.path, {
				method: body ? 'POST' : 'GET',
				redirect: 'manual',
				headers: {
					origin: app.url,
					accept: 'text/html',
					...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
					cookie: writer.cookie
				},
				body,
				signal: AbortSignal.timeout(30_000)
			}).then(
				async (response) => ({ response, html: await response.text() }),
				// A connection error: sent again below.
				() => null
			);
			if (outcome) {
				const { response, html } = outcome;
				const location = response.headers.get('location') ?? '';
				if (post.acknowledged({ status: response.status, location, html })) {
					if (attempt > 0) this.recovered.push(Date.now());
					return true;
				}
				if (response.status >= 500 && response.status !== 503)
					this.serverErrors.push(`${write.text}: ${response.status} from ${app.url}`);
				if (response.status < 500) {
					this.unexpected.push(`${write.text}: ${response.status} ${location}`);
					return false;
				}
			}
			this.failures++;
			write.retries++;
			if (Date.now() > deadline) {
				this.unexpected.push(`${write.text}: still failing after ${this.retryForMs} ms`);
				return false;
			}
			// A pause before the next try, longer each time: an app whose database is away is not hammered.
			await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1_000)));
		}
	}
}

function checkInPost(question: string, answer: string): Post {
	return {
		path: '/check-in',
		form: { vraag: question, antwoord: answer },
		acknowledged: ({ status, location }) => status === 303 && location === '/check-in'
	};
}

/** What the database holds against what the writers were told. */
export interface Tally {
	attempted: number;
	acknowledged: number;
	/** Acknowledged writes found in the database (exactly once, or as the step's latest answer). */
	found: number;
	/** Writes stored more than once. */
	duplicates: number;
	/** Acknowledged writes not found: each one is named. */
	lost: string[];
}

export async function tally(database: Database, load: Load, tag: string): Promise<Tally> {
	const like = `${tag} %`;
	const counts = async (query: ReturnType<typeof sql>) =>
		new Map(
			((await database.db.execute(query)).rows as { text: string; n: number }[]).map((row) => [
				row.text,
				row.n
			])
		);
	const messages = await counts(
		sql`select body as text, count(*)::int as n from message where body like ${like} group by body`
	);
	const checkIns = await counts(
		sql`select bring_up as text, count(*)::int as n from check_in where bring_up like ${like} group by bring_up`
	);
	const answers = await counts(
		sql`select person_id || '/' || step_key || '/' || answer as text, 1 as n from exercise_answer
			where answer like ${like}`
	);
	// An answer replaces the one before it: the step's last acknowledged answer is the one to find.
	const lastAnswer = new Map<string, Write>();
	for (const write of load.writes)
		if (write.kind === 'answer' && write.acknowledged)
			lastAnswer.set(`${write.personId}/${write.step}`, write);
	const stored = (write: Write): number => {
		if (write.kind === 'message') return messages.get(write.text) ?? 0;
		if (write.kind === 'check_in') return checkIns.get(write.text) ?? 0;
		const last = lastAnswer.get(`${write.personId}/${write.step}`);
		return last === write ? (answers.get(`${write.personId}/${write.step}/${write.text}`) ?? 0) : 1;
	};
	const acknowledged = load.writes.filter((write) => write.acknowledged);
	return {
		attempted: load.writes.length,
		acknowledged: acknowledged.length,
		found: acknowledged.filter((write) => stored(write) === 1).length,
		duplicates: [...messages.values(), ...checkIns.values()].filter((n) => n > 1).length,
		lost: acknowledged.filter((write) => stored(write) === 0).map((write) => `${write.kind} ${write.text}`)
	};
}

/** /readyz answers of every running instance, polled until `stop`. */
class ReadyPoll {
	readonly statuses: number[] = [];
	private stopped = false;
	private readonly running: Promise<void>;
	constructor(apps: AppProcess[]) {
		this.running = Promise.all(apps.map((app) => this.poll(app))).then(() => undefined);
	}
	private async poll(app: AppProcess) {
		while (!this.stopped) {
			const status = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(5_000) }).then(
				(response) => response.status,
				() => 0
			);
			this.statuses.push(status);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
	async stop() {
		this.stopped = true;
		await this.running;
	}
}

export interface RoundFigures extends Tally {
	kind: 'instance' | 'database';
	/** /readyz answers 503 seen while the database was away (database rounds). */
	readyz503: number;
	/**
	 * Instance rounds: from the kill until a write that failed was acknowledged by the other instance.
	 * Database rounds: from the server's restart until /readyz answers 200 on every instance.
	 */
	recoveryMs: number;
	retries: number;
	serverErrors: string[];
	unexpected: string[];
	/** Instances that died without being killed. */
	dead: number;
	chain: { ok: boolean; rows: number; brokenAt?: string };
	seconds: number;
}

/**
 * One round: `writers` writers of a new organisation, `kill -9` of one instance (the second) or of
 * the PostgreSQL server once `before` writes were acknowledged, `after` more acknowledged writes
 * once it recovered, then the tally and the access log's chain.
 */
export async function crashRound(
	cluster: Cluster,
	kind: 'instance' | 'database',
	options: { writers: number; before: number; after: number }
): Promise<RoundFigures> {
	// An instance killed in an earlier round is replaced before this one (never during a round).
	while (cluster.running().length < 2) await cluster.startInstance();
	const began = Date.now();
	const tag = `crash-${randomBytes(4).toString('hex')}`;
	const writers = await buildWriters(cluster.database, options.writers);
	const instances = cluster.running();
	const load = new Load(() => cluster.running(), writers, tag);
	let readyz503 = 0;
	let recoveryMs: number;
	try {
		await load.acknowledge(options.before);
		if (kind === 'instance') {
			const victim = instances[1]!;
			const killedAt = Date.now();
			victim.child.kill('SIGKILL');
			await victim.exited;
			// Recovered once a write that failed on the killed instance was acknowledged by the other.
			await until('a retried write acknowledged', () => load.recovered.some((time) => time > killedAt));
			recoveryMs = Math.min(...load.recovered.filter((time) => time > killedAt)) - killedAt;
		} else {
			const poll = new ReadyPoll(instances);
			await cluster.postgres.kill();
			// Every instance says so before the server comes back.
			await until('/readyz 503 on every instance', async () => {
				const answers = await Promise.all(instances.map((app) => readyStatus(app)));
				return answers.every((status) => status === 503);
			});
			await cluster.postgres.restart();
			// Recovered (by themselves: nothing restarts them) once every instance is ready again.
			const restartedAt = Date.now();
			await until('/readyz 200 on every instance', async () => {
				const answers = await Promise.all(instances.map((app) => readyStatus(app)));
				return answers.every((status) => status === 200);
			});
			recoveryMs = Date.now() - restartedAt;
			await poll.stop();
			readyz503 = poll.statuses.filter((status) => status === 503).length;
		}
		await load.acknowledge(options.after);
	} finally {
		await load.stop();
	}
	const figures = await tally(cluster.database, load, tag);
	const chain = await verifyChain(cluster.database.pool);
	const killed = kind === 'instance' ? 1 : 0;
	return {
		kind,
		...figures,
		readyz503,
		recoveryMs,
		retries: load.failures,
		serverErrors: load.serverErrors,
		unexpected: load.unexpected,
		dead: instances.length - killed - instances.filter((app) => cluster.running().includes(app)).length,
		chain: chain.ok
			? { ok: true, rows: chain.rows }
			: { ok: false, rows: chain.rows, brokenAt: `${chain.brokenAt.chainSeq}: ${chain.brokenAt.reason}` },
		seconds: (Date.now() - began) / 1000
	};
}

function readyStatus(app: AppProcess): Promise<number> {
	return fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(5_000) }).then(
		(response) => response.status,
		() => 0
	);
}
