import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { startMailCapture, waitForMail, type MailCapture } from '../../../../tests/helpers/mail';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { message, user } from '../db/schema';
import { queueMessageMails, sendMessage } from '../guidance/messages/commands';
import { composeMail } from './compose';
import { sendMail } from './mailer';
import { MAIL_QUEUE, createMailQueue, mailJobId, type MailQueueSettings } from './queue';
import { startMailWorker, type MailWorker } from './worker';

// Short enough that the job of a killed worker comes back within the test.
const QUEUE: MailQueueSettings = { retryLimit: 3, retryDelay: 0, retryBackoff: false, expireInSeconds: 2 };

let database: Database & { url: string };
let capture: MailCapture;
let config: Config;
let anna: Actor;
let trainer: Actor;
let trainerEmail: string;
let annaEmail: string;
let groupId: string;
const workers: MailWorker[] = [];
const children: ChildProcess[] = [];

async function mailsTo(address: string): Promise<string[]> {
	const files = await fs.readdir(capture.dir);
	const texts = await Promise.all(files.map((file) => fs.readFile(path.join(capture.dir, file), 'utf8')));
	return texts.filter((text) => text.startsWith(`X-Envelope-To: ${address}`));
}

async function jobState(id: string): Promise<string | undefined> {
	const result = await database.db.execute<{ state: string }>(
		sql`select state from pgboss.job where name = ${MAIL_QUEUE} and id = ${id}`
	);
	return result.rows[0]?.state;
}

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

async function startWorker(): Promise<MailWorker> {
	const worker = await startMailWorker({
		db: database.db,
		pool: database.pool,
		queue: QUEUE,
		pollingIntervalSeconds: 0.5,
		maintenanceIntervalSeconds: 1,
		compose: (tx, job) => composeMail(tx, config, job),
		send: (mail) => sendMail(config, mail)
	});
	workers.push(worker);
	return worker;
}

async function emailOf(actor: Actor): Promise<string> {
	const result = await database.db.execute<{ email: string }>(
		sql`select ${user.email} as email from ${user} where ${user.id} = ${actor.userId}`
	);
	return result.rows[0]!.email;
}

beforeAll(async () => {
	database = await createTestDatabase();
	capture = await startMailCapture(await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-mail-queue-')));
	config = {
		// Without the pool of kept connections the SMTP server closes at once after the tests.
		smtpUrl: `smtp://127.0.0.1:${capture.port}?pool=false`,
		mailFrom: 'Herstelpad <no-reply@herstelpad.test>',
		publicBaseUrl: 'http://localhost:3000',
		dataDir: capture.dir
	} as Config;
	const org = await buildOrganisation(database.db);
	anna = await buildPerson(database.db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	trainer = await buildPerson(database.db, { organisationId: org.id, role: 'trainer' });
	groupId = (
		await buildGroup(database.db, { organisationId: org.id, trainers: [trainer], participants: [anna] })
	).id;
	trainerEmail = await emailOf(trainer);
	annaEmail = await emailOf(anna);
	// The queue exists (as after start-up), but no worker runs yet: as if the process died after the commit.
	await createMailQueue(database.pool, QUEUE);
});

afterAll(async () => {
	for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
	for (const worker of workers) await worker.stop().catch(() => undefined);
	await capture.close();
});

describe('a message notification', () => {
	it('survives a worker killed before it delivers, and arrives once', async () => {
		const messageId = await sendMessage(database.db, anna, anna.personId, 'Ik snap stap 3 niet');
		expect(messageId).not.toBeNull();
		const jobId = mailJobId({ kind: 'message', messageId: messageId!, recipientPersonId: trainer.personId });
		expect(await jobState(jobId)).toBe('created');

		// A worker in its own process takes the job and is killed while it holds it.
		const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/mail-worker-process.ts'], {
			env: { ...process.env, DATABASE_URL: database.url, MAIL_QUEUE_SETTINGS: JSON.stringify(QUEUE) },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		children.push(child);
		const lines = createInterface({ input: child.stdout! });
		for await (const line of lines) if (line === `holding ${jobId}`) break;
		child.kill('SIGKILL');
		await once(child, 'exit');
		expect(await jobState(jobId)).toBe('active');
		expect(await mailsTo(trainerEmail)).toEqual([]);

		// Started again: the job expires, comes back and is sent.
		await startWorker();
		const mail = await waitForMail(capture.dir, trainerEmail, /nieuw bericht/, 30_000);
		await until(async () => (await jobState(jobId)) === 'completed');
		expect(await mailsTo(trainerEmail)).toHaveLength(1);
		// No health content: the message itself is not in the mail, only a link to the thread.
		expect(mail).not.toContain('stap 3');
		expect(mail).toContain(`/trainer/groepen/${groupId}/berichten/${anna.personId}`);
	}, 60_000);

	it('is not sent when the write rolls back', async () => {
		const rolledBack = database.db.transaction(async (tx) => {
			const [created] = await tx
				.insert(message)
				.values({ personId: anna.personId, groupId, authorPersonId: trainer.personId, body: 'Teruggedraaid' })
				.returning({ id: message.id });
			await queueMessageMails(tx, trainer, created!.id, anna.personId, groupId);
			throw new Error('the write fails after the mail was queued');
		});
		await expect(rolledBack).rejects.toThrow('the write fails');
		const queued = await database.db.execute(
			sql`select 1 from pgboss.job where name = ${MAIL_QUEUE} and data->>'recipientPersonId' = ${anna.personId}`
		);
		expect(queued.rows).toEqual([]);

		// A message that commits afterwards is the only mail Anna gets.
		if (workers.length === 0) await startWorker();
		const sentId = await sendMessage(database.db, trainer, anna.personId, 'Ik bel je morgen');
		const jobId = mailJobId({ kind: 'message', messageId: sentId!, recipientPersonId: anna.personId });
		await waitForMail(capture.dir, annaEmail, /nieuw bericht/, 30_000);
		await until(async () => (await jobState(jobId)) === 'completed');
		expect(await mailsTo(annaEmail)).toHaveLength(1);
	}, 60_000);
});
