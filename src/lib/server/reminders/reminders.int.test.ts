import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import { decodeQuotedPrintable, startMailCapture, type MailCapture } from '../../../../tests/helpers/mail';
import { startPushEndpoint } from '../../../../tests/helpers/push-endpoint';
import type { Config } from '../config';
import { openDatabase, type Database } from '../db/client';
import { checkIn, person, reminderPreference, reminderSent, user } from '../db/schema';
import { dueReminders } from './deliver';
import { vapidKeys } from './push';
import { reminderSenders } from './senders';
import { optOut, savePushSubscription } from './commands';
import { optOutToken } from './opt-out-token';
import { startReminderWorker, type ReminderWorker } from './worker';

// The builders' group meets on Tuesdays at 14:00 from 1 September 2026; this is Thursday 26 November.
const now = new Date('2026-11-26T12:00:00+01:00');
const COUNT = 150;

let url: string;
let setup: Database;
let mail: MailCapture;
let config: Config;
const participants: Actor[] = [];
let group: { id: string };
const open: Database[] = [];
const workers: ReminderWorker[] = [];

async function remindOn(actor: Actor, channel: 'email' | 'push' = 'email') {
	// Wednesday 10:00: due before "now".
	await setup.db
		.insert(reminderPreference)
		.values({ personId: actor.personId, enabled: true, channel, weekday: 3, time: '10:00' })
		.onConflictDoUpdate({ target: reminderPreference.personId, set: { enabled: true, channel } });
}

async function mailsTo(): Promise<string[]> {
	const files = await fs.readdir(mail.dir);
	const recipients: string[] = [];
	for (const file of files) {
		const text = await fs.readFile(path.join(mail.dir, file), 'utf8');
		recipients.push(/^X-Envelope-To: (.+)$/m.exec(text)?.[1]?.trim() ?? '');
	}
	return recipients;
}

async function worker(options: Partial<Parameters<typeof startReminderWorker>[0]> = {}) {
	const database = openDatabase(url, 12);
	open.push(database);
	const started = await startReminderWorker({
		db: database.db,
		pool: database.pool,
		senders: reminderSenders(database.db, config, TEST_SECRET),
		schedule: false,
		pollingIntervalSeconds: 0.5,
		retryDelaySeconds: 1,
		batchSize: 20,
		...options
	});
	workers.push(started);
	return started;
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error('timed out');
}

beforeAll(async () => {
	const database = await createTestDatabase();
	setup = database;
	url = database.url;
	mail = await startMailCapture(await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-reminders-')));
	config = {
		smtpUrl: `smtp://127.0.0.1:${mail.port}`,
		mailFrom: 'Herstelpad <no-reply@herstelpad.test>',
		publicBaseUrl: 'http://localhost:3000',
		dataDir: mail.dir
	} as Config;
	const org = await buildOrganisation(setup.db);
	for (let index = 0; index < COUNT; index++)
		participants.push(await buildPerson(setup.db, { organisationId: org.id, role: 'participant' }));
	group = await buildGroup(setup.db, { organisationId: org.id, participants });
	for (const participant of participants) await remindOn(participant);
}, 120_000);

afterAll(async () => {
	for (const started of workers) await started.stop({ graceful: false }).catch(() => undefined);
	for (const database of open) await database.close();
	await mail.close();
});

describe('weekly reminders', () => {
	it('arrive exactly once with two workers, one of which dies in the middle of a batch and restarts', async () => {
		let deliveries = 0;
		const dying = await worker({
			beforeDelivery: () => {
				// The process "dies" after 30 messages: the rest of its batch is left half done.
				if (++deliveries > 30) throw new Error('worker crashed');
			}
		});
		const steady = await worker();
		// Both instances plan at the same time: each reminder is queued once. The one that looks first
		// finds all of them due; on a busy machine the other may look after some went out already.
		const [planned, plannedAgain] = await Promise.all([dying.plan(now), steady.plan(now)]);
		expect(Math.max(planned, plannedAgain)).toBe(COUNT);
		await until(async () => deliveries > 30);
		await dying.stop({ graceful: false });
		await worker(); // the restarted instance
		await until(async () => (await mailsTo()).length >= COUNT);
		// Give late duplicates a chance to show up before counting.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const recipients = await mailsTo();
		expect(recipients).toHaveLength(COUNT);
		expect(new Set(recipients).size).toBe(COUNT);
		// Every claim commits right after the SMTP server accepted the message.
		const sentCount = async () => {
			const [sent] = await setup.db
				.select({ count: sql<number>`count(*)::int` })
				.from(reminderSent)
				.where(eq(reminderSent.outcome, 'sent'));
			return sent?.count ?? 0;
		};
		await until(async () => (await sentCount()) >= COUNT, 10_000);
		expect(await sentCount()).toBe(COUNT);
		// Planning again finds nothing: this week's reminders are out.
		expect(await dueReminders(setup.db, now)).toEqual([]);
	}, 120_000);

	it('the mail says only that the check-in is ready, with plain text, accessible HTML and a one-click stop', async () => {
		const [file] = (await fs.readdir(mail.dir)).sort();
		const raw = await fs.readFile(path.join(mail.dir, file!), 'utf8');
		const text = decodeQuotedPrintable(raw);
		expect(text).toContain('Subject: Je wekelijkse check-in staat klaar');
		expect(text).toMatch(/Content-Type: text\/plain/);
		expect(text).toContain('<html lang="nl">');
		expect(raw).toMatch(/List-Unsubscribe:\s+<http:\/\/localhost:3000\/herinneringen\/uit\?t=/);
		expect(text).not.toMatch(/doel|stap|goal|step/i);
	});

	it('skips participants who checked in, switched off, or whose course ended', async () => {
		const nextWeek = new Date('2026-12-03T12:00:00+01:00');
		const [checked, stopped] = participants;
		await setup.db.insert(checkIn).values({
			personId: checked!.personId,
			groupId: group.id,
			weekStart: '2026-12-01',
			idempotencyKey: crypto.randomUUID(),
			worked: 'yes',
			closeness: 3
		});
		expect(await optOut(setup.db, optOutToken(stopped!.personId, TEST_SECRET), TEST_SECRET)).toBe(true);
		expect(await optOut(setup.db, `${stopped!.personId}.vervalst`, TEST_SECRET)).toBe(false);
		const due = await dueReminders(setup.db, nextWeek);
		expect(due).toHaveLength(COUNT - 2);
		expect(due.map((reminder) => reminder.personId)).not.toContain(checked!.personId);
		expect(due.map((reminder) => reminder.personId)).not.toContain(stopped!.personId);
		// After the last session's week there is nothing to remind of.
		await setup.db.execute(sql`update course_group set end_date = '2026-11-24' where id = ${group.id}`);
		expect(await dueReminders(setup.db, nextWeek)).toEqual([]);
		await setup.db.execute(sql`update course_group set end_date = null where id = ${group.id}`);
	});

	it('sends web push signed with the app VAPID key and encrypted for the browser, without health content', async () => {
		const endpoint = await startPushEndpoint();
		try {
			const org = await buildOrganisation(setup.db);
			const pushed = await buildPerson(setup.db, { organisationId: org.id, role: 'participant' });
			await buildGroup(setup.db, { organisationId: org.id, participants: [pushed] });
			await setup.db.update(person).set({ preferredLocale: 'en' }).where(eq(person.id, pushed.personId));
			await savePushSubscription(setup.db, pushed, { endpoint: endpoint.endpoint, ...endpoint.keys });
			await remindOn(pushed, 'push');
			// Only this worker trusts the test endpoint's certificate.
			for (const running of workers) await running.stop({ graceful: false });
			const started = await worker({
				senders: reminderSenders(setup.db, config, TEST_SECRET, { pushAgent: endpoint.agent })
			});
			expect(await started.plan(now, pushed.personId)).toBe(1);
			await until(async () => endpoint.received.length > 0 || endpoint.refused.length > 0, 20_000);
			expect(endpoint.refused).toEqual([]);
			const keys = await vapidKeys(setup.db, TEST_SECRET);
			expect(endpoint.received).toHaveLength(1);
			expect(endpoint.received[0]?.vapidKey).toBe(keys.publicKey);
			expect(endpoint.received[0]?.subject).toBe('mailto:no-reply@herstelpad.test');
			expect(JSON.parse(endpoint.received[0]!.text)).toEqual({
				title: 'Herstelpad',
				body: 'Your weekly check-in is ready',
				url: 'http://localhost:3000/check-in'
			});
			// The push service answers before the sending transaction commits: wait for the commit.
			await until(async () => {
				const [row] = await setup.db
					.select()
					.from(reminderPreference)
					.where(eq(reminderPreference.personId, pushed.personId));
				return Boolean(row?.lastDeliveredAt);
			}, 10_000);
		} finally {
			await endpoint.close();
		}
	});

	it('a refused message is recorded for the trainer and tried again, never claimed', async () => {
		const org = await buildOrganisation(setup.db);
		const noDevice = await buildPerson(setup.db, { organisationId: org.id, role: 'participant' });
		await buildGroup(setup.db, { organisationId: org.id, participants: [noDevice] });
		await remindOn(noDevice, 'push'); // push chosen, but no browser subscribed
		await workers.at(-1)!.plan(now, noDevice.personId);
		await until(async () => {
			const [row] = await setup.db
				.select()
				.from(reminderPreference)
				.where(eq(reminderPreference.personId, noDevice.personId));
			return Boolean(row?.lastFailedAt);
		}, 20_000);
		const claims = await setup.db
			.select()
			.from(reminderSent)
			.where(eq(reminderSent.personId, noDevice.personId));
		expect(claims).toEqual([]);
		expect((await setup.db.select().from(user).where(eq(user.id, noDevice.userId))).length).toBe(1);
	});
});
