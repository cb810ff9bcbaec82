/**
 * The process's infrastructure: database, migrations, demo data and the auth instance, brought up
 * once at start-up (hooks.server.ts `init`) and stopped on shutdown. Holds no user data.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { error } from '@sveltejs/kit';
import { sessionCache } from './auth/session';
import { listenForCacheChanges } from './auth/session-cache';
import { overviewCache } from './goals/overview-cache';
import { participantGroupCache } from './groups/queries';
import { config, type Config } from './config';
import { importStarterCurricula } from './curriculum/import';
import { openDatabase, type Database, type Db } from './db/client';
import {
	DEFAULT_RESTART,
	ensureWritableDirectory,
	startEmbeddedPostgres,
	type EmbeddedServer
} from './db/embedded';
import { migrateDatabase, migrationsAreCurrent } from './db/migrate';
import { survivingDatabaseLoss } from './db/unavailable';
import { composeMail } from './mail/compose';
import { sendMail } from './mail/mailer';
import { startMailWorker, type MailWorker } from './mail/worker';
import { startFhirExportWorker, type FhirExportWorker } from './fhir/worker';
import { oneStartAtATime, type QueueWorker } from './jobs';
import { startDataExportWorker } from './privacy/export';
import { startRetentionWorker } from './privacy/retention';
import { reminderSenders } from './reminders/senders';
import { startReminderWorker, type ReminderWorker } from './reminders/worker';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoPeople, seedDemo } from './demo/seed';
import { seedDemoHistory } from './demo/history';
import { logger } from './log';
import { LIVE_CHANNEL } from './live/stream';
import { liveHub } from './live/hub';

export interface Ready {
	database: Database;
	/** The reminder jobs (pg-boss), unless REMINDERS=off. */
	reminders: ReminderWorker | null;
	/** The queued mails (pg-boss, mail/worker.ts): message notifications. */
	mail: MailWorker;
	/** The FHIR bulk exports (pg-boss, fhir/worker.ts); null when its worker could not start. */
	fhirExports: FhirExportWorker | null;
	/** The participants' own-data exports (pg-boss, privacy/export.ts); null when its worker could not start. */
	dataExports: QueueWorker | null;
	/** The daily retention job (privacy/retention.ts); null when its worker could not start. */
	retention: QueueWorker | null;
	/** Seals TOTP and SSO secrets at rest (auth/secret-box.ts). The same on every instance. */
	secret: string;
}

let ready: Ready | undefined;
let embedded: EmbeddedServer | undefined;
let stopping = false;
let stopListening: (() => Promise<void>) | undefined;

/** The running infrastructure, or undefined while the database is not (yet) reachable. */
export function runtime(): Ready | undefined {
	return ready;
}

/** The running infrastructure for a request; a 503 page while the database is not reachable. */
export function requireRuntime(): Ready {
	if (!ready) error(503, 'Service Unavailable');
	return ready;
}

/** The database for a request: hooks.server.ts puts it in `locals.db` (tests pass their own). */
export function currentDb(): Db {
	return requireRuntime().database.db;
}

/**
 * What a request may use of the running app besides its database; hooks.server.ts puts it in
 * `locals.app`. Each part answers 503 while the database is not reachable, as `locals.db` does.
 */
export interface AppServices {
	/** Seals TOTP and SSO secrets, signs passkey challenges and reminder opt-out links. */
	readonly secret: string;
	/** The reminder jobs, to plan a participant's next reminder at once; null with REMINDERS=off. */
	readonly reminders: ReminderWorker | null;
}

export const appServices: AppServices = {
	get secret() {
		return requireRuntime().secret;
	},
	get reminders() {
		return requireRuntime().reminders;
	}
};

/**
 * Embedded database: waits until it runs and throws a DatabaseStartError the caller shows.
 * External database: returns at once and keeps retrying in the background, so /readyz says 503
 * instead of the process crash-looping while the server is down.
 */
export async function startRuntime(config: Config): Promise<void> {
	process.on(
		'unhandledRejection',
		survivingDatabaseLoss((reason) =>
			logger.warn({ err: String(reason) }, 'a background query failed while the database was away')
		)
	);
	await ensureWritableDirectory(config.dataDir);
	const secret = config.authSecret ?? (await loadOrCreateSecret(config.dataDir));
	if (!config.databaseUrl) {
		embedded = await startEmbeddedPostgres({
			dataDir: config.dataDir,
			port: config.embeddedPgPort,
			log: (line, level = 'info') => logger[level](line),
			// The server this process started is brought back when it dies (issue 24, item 6).
			restart: DEFAULT_RESTART
		});
		ready = await bringUp(embedded.url, config, secret);
		return;
	}
	const url = config.databaseUrl;
	void (async () => {
		for (let attempt = 1; !stopping; attempt++) {
			try {
				ready = await bringUp(url, config, secret);
				logger.info('database ready');
				return;
			} catch (error) {
				logger.warn({ attempt, err: String(error) }, 'database not reachable; retrying in 5 s');
				await new Promise((resolve) => setTimeout(resolve, 5_000));
			}
		}
	})();
}

async function bringUp(url: string, config: Config, secret: string): Promise<Ready> {
	const database = openDatabase(url, config.databasePoolSize);
	try {
		await migrateDatabase(database.pool);
		const freshDemo = config.demo && (await seedDemo(database.db, secret));
		// Every organisation starts with the starter curriculum as version 1.
		await importStarterCurricula(database.db, config.dataDir, config.contentDir);
		// A fresh demo gets its lived-in history, after the curriculum (its module progress follows the
		// steps). An existing demo is left as it is: `npm run demo:history` adds it there.
		if (freshDemo && config.demoHistory) await addDemoHistory(database.db);
	} catch (error) {
		await database.close();
		throw error;
	}
	// Another instance starting at the same moment waits here until this one has its job queues.
	const workers = await oneStartAtATime(url, async () => {
		// Also creates the mail queue, which writes need before they can queue a mail: part of bringing up.
		const mail = await startMailWorker({
			db: database.db,
			pool: database.pool,
			compose: (tx, job) => composeMail(tx, config, job),
			send: (message) => sendMail(config, message)
		});
		const reminders = config.reminders
			? await startReminderWorker({
					db: database.db,
					pool: database.pool,
					senders: reminderSenders(database.db, config, secret)
				}).catch((error: unknown) => {
					// Without jobs the app still works; reminders wait until the next start.
					logger.error({ err: String(error) }, 'reminder jobs could not start');
					return null;
				})
			: null;
		const fhirExports = await startFhirExportWorker({
			db: database.db,
			pool: database.pool,
			dataDir: config.dataDir,
			secret
		}).catch((error: unknown) => {
			// Without it the app still works; a started export waits in its queue until the next start.
			logger.error({ err: String(error) }, 'fhir export jobs could not start');
			return null;
		});
		const dataExports = await startDataExportWorker(database.db, database.pool).catch((error: unknown) => {
			// Without it the app still works; a requested download waits in its queue until the next start.
			logger.error({ err: String(error) }, 'own-data export jobs could not start');
			return null;
		});
		const retention = await startRetentionWorker(database.db, database.pool).catch((error: unknown) => {
			logger.error({ err: String(error) }, 'retention jobs could not start');
			return null;
		});
		return { mail, reminders, fhirExports, dataExports, retention };
	}).catch(async (error: unknown) => {
		await database.close();
		throw error;
	});
	stopListening = listenForCacheChanges(
		url,
		[sessionCache, participantGroupCache, overviewCache],
		[
			{
				name: LIVE_CHANNEL,
				onMessage: (payload) => liveHub.notify(payload),
				onConnect: () => liveHub.refreshAll()
			}
		]
	);
	return { database, secret, ...workers };
}

/** The demo's lived-in history, once; without it the demo still works, so a failure is only logged. */
async function addDemoHistory(db: Db): Promise<void> {
	try {
		const history = await seedDemoHistory(db);
		if (history.created)
			logger.info(
				{ groups: history.groups, participants: history.participants, rows: history.rows, ms: history.ms },
				'demo history added'
			);
	} catch (error) {
		logger.error({ err: String(error) }, 'the demo history could not be added');
	}
}

/** Closes the pool and stops the embedded server, if this process started one. */
export async function stopRuntime(): Promise<void> {
	stopping = true;
	const current = ready;
	ready = undefined;
	await stopListening?.();
	await current?.reminders?.stop().catch(() => undefined);
	await current?.mail.stop().catch(() => undefined);
	await current?.fhirExports?.stop().catch(() => undefined);
	await current?.dataExports?.stop().catch(() => undefined);
	await current?.retention?.stop().catch(() => undefined);
	await current?.database.close().catch(() => undefined);
	await embedded?.stop().catch(() => undefined);
	embedded = undefined;
}

async function loadOrCreateSecret(dataDir: string): Promise<string> {
	const file = path.join(dataDir, 'auth-secret');
	try {
		return (await fs.readFile(file, 'utf8')).trim();
	} catch {
		const secret = randomBytes(32).toString('base64url');
		await fs.writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
		return (await fs.readFile(file, 'utf8')).trim();
	}
}

/** Lines for the start-up banner: where the data lives and, with the demo on, how to sign in. */
export function startupNotes(): string[] {
	const settings = config();
	const notes = [
		settings.databaseUrl
			? 'Database: the PostgreSQL server in DATABASE_URL'
			: `Database: embedded PostgreSQL in ${settings.dataDir}/pg`
	];
	if (!settings.smtpUrl) {
		notes.push(
			`Mail: no SMTP_URL set, so emails (sign-in links, invitations) are written to ${settings.dataDir}/outbox`
		);
	}
	if (settings.demo) {
		notes.push(
			'',
			`Demo organisation (synthetic data). Every demo account has the password: ${DEMO_PASSWORD}`
		);
		for (const person of demoPeople) notes.push(`  ${person.role.padEnd(12)} ${person.email}`);
		notes.push(
			`Staff sign in with a second step: a code from an authenticator app with the key ${DEMO_TOTP_SECRET}`,
			'(or run `npm run demo:code` in another terminal for the current code).'
		);
	}
	return notes;
}

/** Readiness for /readyz: the database answers and every committed migration is applied. */
export async function readiness(): Promise<{ database: boolean; migrations: boolean }> {
	const current = ready;
	if (!current) return { database: false, migrations: false };
	const database = await current.database.pool.query('select 1').then(
		() => true,
		() => false
	);
	return { database, migrations: database && (await migrationsAreCurrent(current.database.pool)) };
}
