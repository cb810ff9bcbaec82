/**
 * Reminders for 10,000 participants: planned, queued on pg-boss and delivered by two workers to a
 * local SMTP server. Target (issue 5): at most 60 s, none twice, none missing. The figure goes into
 * BENCHMARKS.md by hand, with this command: `npm run bench:reminders`.
 *
 * At the largest size (issue 22): `REMINDER_BESIDE=100000 npm run bench:reminders` first seeds an
 * organisation of that many participants with a course year of data (bench/seed-organisation.js),
 * each with a reminder preference switched off, so the planner finds the 10,000 among them all; then
 * runs `npm run audit:verify` over the whole access log (11.8 million rows) with its peak memory.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, expect, it } from 'vitest';
import { createTestDatabase, TEST_SECRET } from '../tests/helpers/db';
import { buildGroup, buildOrganisation } from '../tests/helpers/builders';
import type { Config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/client';
import { reminderSenders } from '../src/lib/server/reminders/senders';
import { seedOrganisation } from './seed-organisation.js';
import { startReminderWorker, type ReminderWorker } from '../src/lib/server/reminders/worker';

const COUNT = Number(process.env.REMINDER_COUNT ?? 10_000);
const BESIDE = Number(process.env.REMINDER_BESIDE ?? 0);
// Thursday 26 November 2026, in the week from Tuesday 24 November of the builders' group.
const now = new Date('2026-11-26T12:00:00+01:00');

const workers: ReminderWorker[] = [];
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const worker of workers) await worker.stop({ graceful: false });
	for (const close of closers) await close();
});

it(`delivers ${COUNT} reminders once each`, async () => {
	const database = await createTestDatabase();
	const recipients: string[] = [];
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			stream.on('data', () => undefined);
			stream.on('end', () => {
				recipients.push(...session.envelope.rcptTo.map((rcpt) => rcpt.address));
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	closers.push(() => new Promise((resolve) => smtp.close(() => resolve())));
	const port = (smtp.server.address() as { port: number }).port;

	// Set-up (not timed): the large organisation beside them, when asked for.
	let beside: Record<string, unknown> = {};
	if (BESIDE > 0) {
		const seeding = performance.now();
		const client = new pg.Client({ connectionString: database.url });
		await client.connect();
		const seeded = await seedOrganisation(client, { participants: BESIDE });
		// Their reminders are switched off: the planner reads past them. (Switched on for Sunday 18:00, the
		// planner planned 11,695 of them as well — a first run of 2026-12-04 — which measured something else.)
		await client.query(
			`insert into reminder_preference (person_id, enabled, channel, weekday, time)
			 select id, false, 'email', 3, '10:00' from person where organisation_id = $1 and role = 'participant'`,
			[seeded.organisationId]
		);
		await client.query('analyze');
		await client.end();
		beside = {
			besideParticipants: BESIDE,
			besideLogRows: seeded.auditRows,
			seededSeconds: +((performance.now() - seeding) / 1000).toFixed(1)
		};
	}
	// Participants with email, in one group, reminders due on Wednesday 10:00.
	const org = await buildOrganisation(database.db);
	const group = await buildGroup(database.db, { organisationId: org.id });
	await database.db.execute(sql`
		with people as (
			select gen_random_uuid() as person_id, gen_random_uuid()::text as user_id, n
			from generate_series(1, ${COUNT}) as n
		), users as (
			insert into "user" (id, name, email, email_verified)
			select user_id, 'Deelnemer ' || n, 'deelnemer' || n || '-' || ${randomUUID()} || '@bench.example', true from people
		), persons as (
			insert into person (id, organisation_id, user_id, role, display_name)
			select person_id, ${org.id}, user_id, 'participant', 'Deelnemer ' || n from people
		), members as (
			insert into group_member (group_id, person_id) select ${group.id}, person_id from people
		)
		insert into reminder_preference (person_id, enabled, channel, weekday, time)
		select person_id, true, 'email', 3, '10:00' from people`);

	const config = {
		smtpUrl: `smtp://127.0.0.1:${port}`,
		mailFrom: 'Herstelpad <no-reply@herstelpad.bench>',
		publicBaseUrl: 'http://localhost:3000',
		dataDir: os.tmpdir()
	} as Config;
	for (let index = 0; index < 2; index++) {
		const own = openDatabase(database.url, 12);
		closers.push(() => own.close());
		workers.push(
			await startReminderWorker({
				db: own.db,
				pool: own.pool,
				senders: reminderSenders(own.db, config, TEST_SECRET),
				schedule: false,
				pollingIntervalSeconds: 0.5,
				batchSize: 100,
				concurrency: 8
			})
		);
	}

	const started = performance.now();
	const planned = await workers[0]!.plan(now);
	const queuedMs = performance.now() - started;
	while (recipients.length < COUNT && performance.now() - started < 300_000)
		await new Promise((resolve) => setTimeout(resolve, 100));
	const deliveredMs = performance.now() - started;
	await new Promise((resolve) => setTimeout(resolve, 2_000)); // late duplicates would show up now

	const unique = new Set(recipients).size;
	// At the largest size: `npm run audit:verify` over the whole log, its time and its peak memory.
	if (BESIDE > 0) beside = { ...beside, auditVerify: await verifyMeasured(database.url) };
	const result = {
		...beside,
		participants: COUNT,
		planned,
		delivered: recipients.length,
		unique,
		queuedSeconds: +(queuedMs / 1000).toFixed(1),
		deliveredSeconds: +(deliveredMs / 1000).toFixed(1),
		perSecond: Math.round(COUNT / (deliveredMs / 1000))
	};
	console.log(JSON.stringify(result));
	await fs.writeFile(path.join(os.tmpdir(), 'herstelpad-reminder-bench.json'), JSON.stringify(result));
	expect(planned).toBe(COUNT);
	expect(recipients).toHaveLength(COUNT);
	expect(unique).toBe(COUNT);
}, 3_600_000); // seeding the organisation beside them takes about ten minutes

/**
 * Runs `npm run audit:verify` on `url` and follows its peak resident memory (VmHWM) until it ends.
 * @returns its exit code, seconds and peak RSS in MB
 */
async function verifyMeasured(url: string) {
	const started = performance.now();
	const child = spawn(process.execPath, ['scripts/audit-verify.js'], {
		env: { ...process.env, DATABASE_URL: url },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	let peakKb = 0;
	const follow = setInterval(() => {
		try {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
		} catch {
			// ended meanwhile
		}
	}, 50);
	const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
	clearInterval(follow);
	return {
		code,
		seconds: +((performance.now() - started) / 1000).toFixed(1),
		peakRssMb: Math.round(peakKb / 1024),
		said: output.trim()
	};
}
