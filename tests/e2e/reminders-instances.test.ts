/**
 * The weekly reminders with two app instances on one PostgreSQL (issue 22 item 1): both run the
 * reminder jobs (pg-boss), each sends its mail to an SMTP server of its own, so the test knows which
 * instance sent what. Every participant saves the reminder setting on both instances at the same
 * moment, so both plan the same reminder (one job: its id is made from participant, group and week),
 * and each job is then copied under another id (as a retried job), so two workers can take the same
 * reminder at once: still one email per participant, whichever instance sent it (the claim). In a
 * database of its own on the suite's PostgreSQL, made by the instances' migrations as at a first deploy.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, isoWeekday, local } from '../../src/lib/domain/schedule';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { SEND_QUEUE } from '../../src/lib/server/reminders/worker';
import { spawnApp, stopApp, tempDataDir, waitFor, type AppProcess } from '../helpers/app';
import { buildGroup, buildOrganisation, buildPerson, buildSession, buildSignedIn } from '../helpers/builders';
import { startMailCapture, type MailCapture } from '../helpers/mail';
import { withDatabase } from '../setup/database';

const PARTICIPANTS = 24;
const databaseName = `herstelpad_reminders_${randomBytes(4).toString('hex')}`;
const serverUrl = process.env.TEST_DATABASE_URL ?? inject('appDatabaseUrl');

let databaseUrl: string;
let database: Database;
let sharedDir: string;
const apps: AppProcess[] = [];
const mail: MailCapture[] = [];
/** Each participant's address and session cookie. */
let participants: { email: string; cookie: string }[];
let weekday: number;

async function onServer(text: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	await client.query(text);
	await client.end();
}

beforeAll(async () => {
	await onServer(`create database ${databaseName}`);
	databaseUrl = withDatabase(serverUrl, databaseName);
	sharedDir = await tempDataDir();
	for (const name of ['a', 'b'])
		mail.push(await startMailCapture(await fs.mkdtemp(path.join(os.tmpdir(), `herstelpad-mail-${name}-`))));
	const secret = randomBytes(32).toString('hex');
	// Both at once, as after a deploy; each with the reminder jobs on and its own SMTP server.
	const started = await Promise.all(
		mail.map(async (capture) =>
			spawnApp(
				{
					DATABASE_URL: databaseUrl,
					AUTH_SECRET: secret,
					DEMO: 'off',
					REMINDERS: 'on',
					SMTP_URL: `smtp://127.0.0.1:${capture.port}`
				},
				sharedDir
			)
		)
	);
	apps.push(...started);
	await Promise.all(apps.map((app) => waitFor(app, '/readyz')));

	database = openDatabase(databaseUrl, 2);
	const { db } = database;
	const { id: organisationId } = await buildOrganisation(db, 'Herinneringen op twee instanties');
	const actors = [];
	for (let i = 0; i < PARTICIPANTS; i++)
		actors.push(await buildPerson(db, { organisationId, role: 'participant', name: `Deelnemer ${i}` }));
	const { id: groupId } = await buildGroup(db, { organisationId, participants: actors });
	// Weekly sessions at 14:00 around today: the check-in week began yesterday at 14:00.
	const yesterday = addDays(local(new Date()).date, -1);
	weekday = isoWeekday(yesterday);
	for (let week = -3; week <= 3; week++)
		await buildSession(db, { groupId, date: addDays(yesterday, 7 * week), startTime: '14:00' });
	const client = database.pool;
	participants = [];
	for (const actor of actors) {
		const { rows } = await client.query<{ email: string }>(`select email from "user" where id = $1`, [
			actor.userId
		]);
		participants.push({ email: rows[0]!.email, cookie: `herstelpad=${await buildSignedIn(db, actor)}` });
	}
}, 180_000);

afterAll(async () => {
	await Promise.all(apps.map((app) => stopApp(app)));
	await database?.close();
	await Promise.all(mail.map((capture) => capture.close()));
	for (const capture of mail) await fs.rm(capture.dir, { recursive: true, force: true });
	if (sharedDir) await fs.rm(sharedDir, { recursive: true, force: true });
	await onServer(`drop database if exists ${databaseName} with (force)`);
});

/** Saves the reminder setting (email, yesterday's weekday at 16:00: already past) on one instance. */
async function saveReminder(app: AppProcess, cookie: string): Promise<number> {
	const form = {
		aan: 'ja',
		kanaal: 'email',
		dag: String(weekday),
		tijd: '16:00',
		stilVan: '22:00',
		stilTot: '07:00'
	};
	const response = await fetch(`${app.url}/herinneringen`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: app.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			cookie
		},
		body: new URLSearchParams(form).toString()
	});
	await response.text();
	return response.status;
}

/** The messages each SMTP server received, by recipient. */
async function received(capture: MailCapture): Promise<string[]> {
	const files = await fs.readdir(capture.dir);
	const texts = await Promise.all(files.map((file) => fs.readFile(path.join(capture.dir, file), 'utf8')));
	return texts
		.filter((text) => text.includes('Je wekelijkse check-in staat klaar'))
		.map((text) => /^X-Envelope-To: (.*)$/m.exec(text)?.[1]?.trim() ?? '');
}

describe('reminders with two instances', () => {
	it('sends each participant’s reminder once, whichever instance planned and sent it', async () => {
		// Each participant on both instances at the same moment: both plan the same reminder.
		const statuses = await Promise.all(
			participants.flatMap(({ cookie }) => apps.map((app) => saveReminder(app, cookie)))
		);
		expect(statuses).toEqual(statuses.map(() => 200));
		// And each reminder queued a second time under another id, as a job retried after a crash would be
		// taken again: the two jobs of one reminder meet the claim in the sending transaction.
		const copied = await database.pool.query(
			`insert into pgboss.job (name, data) select name, data from pgboss.job where name = $1`,
			[SEND_QUEUE]
		);
		expect(copied.rowCount).toBe(PARTICIPANTS);

		// Wait until no reminder job is waiting, running or to be retried.
		const deadline = Date.now() + 60_000;
		let jobs: { state: string; count: number }[];
		for (;;) {
			jobs = (
				await database.pool.query<{ state: string; count: number }>(
					`select state::text, count(*)::int as count from pgboss.job where name = $1 group by state`,
					[SEND_QUEUE]
				)
			).rows;
			const open = jobs.filter((row) => row.state !== 'completed').reduce((sum, row) => sum + row.count, 0);
			const done = jobs.find((row) => row.state === 'completed')?.count ?? 0;
			if (open === 0 && done >= 2 * PARTICIPANTS) break;
			if (Date.now() > deadline) throw new Error(`reminder jobs still open: ${JSON.stringify(jobs)}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		// One job per participant and week however many times it was planned, and its copy.
		expect(jobs).toEqual([{ state: 'completed', count: 2 * PARTICIPANTS }]);
		const sent = await database.pool.query<{ count: number }>(
			`select count(*)::int as count from reminder_sent`
		);
		expect(sent.rows[0]!.count).toBe(PARTICIPANTS);

		// The SMTP server accepted each message before its claim committed: all are there now.
		const [byA, byB] = await Promise.all(mail.map(received));
		const everyone = [...byA!, ...byB!].sort();
		expect(everyone).toEqual(participants.map(({ email }) => email).sort());
		console.log(`reminders sent by instance a: ${byA!.length}, by instance b: ${byB!.length}`);
	}, 120_000);
});
