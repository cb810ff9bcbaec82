/**
 * Live mode in the session, across two app instances on one PostgreSQL: the trainer runs it on one
 * instance, the wall and two phones use the other, a third phone (JavaScript off) the first. In an
 * organisation of its own (builders), so other browser tests and the demo group are not touched.
 * By default the first instance is the suite's app (embedded PostgreSQL) and the second shares its
 * database; with TEST_DATABASE_URL (CI, with the machine's PostgreSQL service) both run on a fresh database of that server.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import fs from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { spawnApp, stopApp, waitFor, type AppProcess } from '../helpers/app';
import { buildGroup, buildOrganisation, buildPerson, buildSession, buildSignedIn } from '../helpers/builders';
import { withDatabase } from '../setup/database';
import { expectAccessible, expectFlatExplicit, launchBrowser, untilHydrated } from './browser';

let browser: Browser;
let database: Database;
/** The first instance's address and database: the suite's app, or one of its own on TEST_DATABASE_URL. */
let firstUrl: string;
let databaseUrl: string;
/** The first instance, when this test started it (on TEST_DATABASE_URL). */
let own: AppProcess | null = null;
const serverUrl = process.env.TEST_DATABASE_URL;
const serverDatabase = `herstelpad_live_${randomBytes(4).toString('hex')}`;

async function onServer(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	await client.query(sql);
	await client.end();
}
/** The second instance, on the same database; its streams end every 2 seconds (reconnects). */
let second: AppProcess;
const marker = randomBytes(3).toString('hex');
const names = { anna: `Anna ${marker}`, bram: `Bram ${marker}`, cem: `Cem ${marker}` };
let people: { anna: Actor; bram: Actor; cem: Actor };
let tokens: { trainer: string; anna: string; bram: string; cem: string };
let groupId: string;
let sessionId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	if (serverUrl) {
		await onServer(`create database ${serverDatabase}`);
		databaseUrl = withDatabase(serverUrl, serverDatabase);
		own = await spawnApp({ DATABASE_URL: databaseUrl, DEMO: 'off', REMINDERS: 'off' });
		await waitFor(own, '/readyz');
		firstUrl = own.url;
	} else {
		firstUrl = inject('baseUrl');
		databaseUrl = inject('appDatabaseUrl');
	}
	database = openDatabase(databaseUrl, 2);
	const db = database.db;
	const org = await buildOrganisation(db, `Live ${marker}`);
	const trainer = await buildPerson(db, {
		organisationId: org.id,
		role: 'trainer',
		name: `Tamara ${marker}`
	});
	people = {
		anna: await buildPerson(db, { organisationId: org.id, role: 'participant', name: names.anna }),
		bram: await buildPerson(db, { organisationId: org.id, role: 'participant', name: names.bram }),
		cem: await buildPerson(db, { organisationId: org.id, role: 'participant', name: names.cem })
	};
	const group = await buildGroup(db, {
		organisationId: org.id,
		name: `Livegroep ${marker}`,
		trainers: [trainer],
		participants: Object.values(people)
	});
	groupId = group.id;
	sessionId = (await buildSession(db, { groupId, date: '2026-12-03', moduleNumber: 1 })).id;
	tokens = {
		trainer: await buildSignedIn(db, trainer),
		anna: await buildSignedIn(db, people.anna),
		bram: await buildSignedIn(db, people.bram),
		cem: await buildSignedIn(db, people.cem)
	};
	second = await spawnApp({
		DATABASE_URL: databaseUrl,
		DEMO: 'off',
		REMINDERS: 'off',
		LIVE_STREAM_SECONDS: '2'
	});
	await waitFor(second, '/readyz');
}, 180_000);

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser.close();
	await database.close();
	for (const app of [second, own]) {
		if (!app) continue;
		await stopApp(app);
		await fs.rm(app.dataDir, { recursive: true, force: true });
	}
	if (serverUrl) await onServer(`drop database if exists ${serverDatabase} with (force)`);
});

/** A signed-in page on `base` (the first instance unless given). */
async function open(
	token: string,
	options: { base?: string; javaScript?: boolean; wide?: boolean } = {}
): Promise<Page> {
	const base = options.base ?? firstUrl;
	const context = await browser.newContext({
		baseURL: base,
		javaScriptEnabled: options.javaScript ?? true,
		locale: 'nl-NL',
		viewport: options.wide ? { width: 1280, height: 800 } : { width: 390, height: 844 }
	});
	contexts.push(context);
	await context.addCookies([{ name: 'herstelpad', value: token, url: base }]);
	return context.newPage();
}

const livePath = () => `/trainer/groepen/${groupId}/sessies/${sessionId}/live`;

/** Reads a stream's messages until `enough` holds or it ends; returns each message's id and data. */
async function readStream(
	url: string,
	token: string,
	lastEventId: number | null,
	enough: (messages: { id: number; data: string }[]) => boolean
): Promise<{ id: number; data: string }[]> {
	const response = await fetch(url, {
		headers: {
			cookie: `herstelpad=${token}`,
			accept: 'text/event-stream',
			...(lastEventId === null ? {} : { 'last-event-id': String(lastEventId) })
		}
	});
	expect(response.status).toBe(200);
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	let text = '';
	const messages: { id: number; data: string }[] = [];
	for (;;) {
		const { value, done } = await reader.read();
		if (done) break;
		text += decoder.decode(value, { stream: true });
		let end: number;
		while ((end = text.indexOf('\n\n')) >= 0) {
			const block = text.slice(0, end);
			text = text.slice(end + 2);
			const id = block.match(/^id: (\d+)$/m)?.[1];
			const data = block.match(/^data: (.*)$/m)?.[1];
			if (id !== undefined && data !== undefined) messages.push({ id: Number(id), data });
		}
		if (enough(messages)) {
			await reader.cancel();
			break;
		}
	}
	return messages;
}

describe('live mode across two instances', () => {
	it('runs a round: phones on both instances, the wall on the other, JavaScript off, anonymity, approve first', async () => {
		// The trainer prepares on instance 1: a prepared scale prompt of module 1 and an own open question.
		const trainer = await open(tokens.trainer, { wide: true });
		await trainer.goto(livePath());
		await untilHydrated(trainer);
		await expectAccessible(trainer);
		await trainer
			.locator('li', { hasText: 'Hoeveel hoop heb je vandaag?' })
			.getByRole('button', { name: 'Toevoegen' })
			.click();
		await expect.poll(() => trainer.locator('ol.prompts li').count()).toBe(1);
		// The add reloaded the page: type once its scripts run, or hydration may reset the field.
		await untilHydrated(trainer);
		await trainer.getByLabel('Vraag', { exact: true }).fill('Wat helpt jou vandaag?');
		await trainer
			.locator('form', { has: trainer.getByLabel('Vraag', { exact: true }) })
			.getByLabel(/Eerst goedkeuren/)
			.check();
		await trainer
			.locator('form', { has: trainer.getByLabel('Vraag', { exact: true }) })
			.getByRole('button', { name: 'Toevoegen' })
			.click();
		await expect.poll(() => trainer.locator('ol.prompts li').count()).toBe(2);
		await trainer.getByRole('button', { name: 'Start live modus' }).click();
		await trainer.getByRole('link', { name: /Open de muur/ }).waitFor();

		// The wall and two phones on instance 2; the third phone, without JavaScript, on instance 1.
		const wall = await open(tokens.trainer, { base: second.url, wide: true });
		await wall.goto(`${livePath()}/muur`);
		await wall.getByText('Zo komt de eerste vraag.').waitFor();
		const anna = await open(tokens.anna, { base: second.url });
		await anna.goto('/');
		// The banner on every participant page: one tap to join.
		await anna
			.getByRole('status')
			.filter({ hasText: 'De groep is bezig' })
			.getByRole('link', { name: 'Doe mee' })
			.click();
		await anna.waitForURL('**/live');
		await anna.goBack();
		// The banner counts among the home page's seven links.
		await expectFlatExplicit(anna);
		await anna.goto('/live');
		await anna.getByText('Wacht even op de volgende vraag').waitFor();
		const bram = await open(tokens.bram, { base: second.url });
		await bram.goto('/live');
		const cem = await open(tokens.cem, { javaScript: false });

		// The first question reaches the phones and the wall by itself.
		await trainer.getByRole('button', { name: 'Volgende vraag' }).click();
		await anna.getByText('Hoeveel hoop heb je vandaag?').waitFor();
		await bram.getByText('Hoeveel hoop heb je vandaag?').waitFor();
		await wall.getByText('Hoeveel hoop heb je vandaag?').waitFor();
		await expectFlatExplicit(anna);
		await expectAccessible(anna);
		await untilHydrated(anna);
		await anna.getByLabel('4').check();
		await anna.getByRole('button', { name: 'Antwoord sturen' }).click();
		await anna.getByText('Je antwoord is opgeslagen.').waitFor();
		await untilHydrated(bram);
		await bram.getByLabel('2').check();
		await bram.getByRole('button', { name: 'Antwoord sturen' }).click();
		await bram.getByText('Je antwoord is opgeslagen.').waitFor();
		// Two answers: the result waits for a third (and for the trainer).
		await wall.getByText('2 antwoorden').waitFor();
		await cem.goto('/live');
		await cem.getByLabel('5').check();
		await cem.getByRole('button', { name: 'Antwoord sturen' }).click();
		await cem.getByText('Je antwoord is opgeslagen.').waitFor();
		// Without JavaScript the page looks again by itself while there is nothing to type.
		expect(await cem.locator('noscript').first().innerHTML()).toContain('http-equiv="refresh"');
		await wall.getByText('3 antwoorden').waitFor();
		await trainer.getByRole('button', { name: 'Zet de antwoorden op de muur' }).click();
		const counts = wall.locator('ul.bars li .count');
		await expect
			.poll(() => counts.allInnerTexts())
			.toEqual(['0 keer', '1 keer', '0 keer', '1 keer', '1 keer']);
		await anna.getByText('Wat de groep zei').waitFor();
		await expectAccessible(wall);

		// The open question, anonymous and approved first.
		await trainer.getByRole('button', { name: 'Volgende vraag' }).click();
		await anna.getByText('Wat helpt jou vandaag?').waitFor();
		await untilHydrated(anna);
		await anna.getByLabel('Jouw antwoord').fill('Wandelen in het park');
		await anna.getByRole('button', { name: 'Antwoord sturen' }).click();
		await anna.getByText('Je antwoord is opgeslagen.').waitFor();
		await bram.getByText('Wat helpt jou vandaag?').waitFor();
		await untilHydrated(bram);
		await bram.getByLabel('Jouw antwoord').fill('Muziek luisteren');
		await bram.getByRole('button', { name: 'Antwoord sturen' }).click();
		await bram.getByText('Je antwoord is opgeslagen.').waitFor();
		await cem.goto('/live');
		await cem.getByLabel('Jouw antwoord').fill('Mijn geheime zin');
		await cem.getByRole('button', { name: 'Antwoord sturen' }).click();
		await cem.getByText('Je antwoord is opgeslagen.').waitFor();

		// The trainer's page (instance 1) hears the answers given on instance 2.
		const answers = trainer.locator('ul.answers li');
		await expect.poll(() => answers.count(), { timeout: 20_000 }).toBe(3);
		await trainer.getByRole('button', { name: 'Zet de antwoorden op de muur' }).click();
		await wall.getByText('Nog geen antwoorden op het scherm.').waitFor();
		for (const text of ['Wandelen in het park', 'Mijn geheime zin']) {
			await answers.filter({ hasText: text }).getByRole('button', { name: 'Goedkeuren' }).click();
			await wall.getByText(text).waitFor();
		}
		await answers.filter({ hasText: 'Muziek luisteren' }).getByRole('button', { name: 'Verbergen' }).click();
		await bram.goto('/live');
		await bram.getByText('De trainer heeft je antwoord niet op het scherm gezet.').waitFor();
		await expect
			.poll(() => wall.locator('ul.cards li').allInnerTexts())
			.toEqual(['Wandelen in het park', 'Mijn geheime zin']);
		// Anonymous: no name or person id on the wall, the phones, or the streams.
		const first = (list: unknown[]) => list.length > 0;
		const streamed = async (url: string, token: string) =>
			(await readStream(url, token, null, first)).map((message) => message.data).join('\n');
		const everyone = ['anna', 'bram', 'cem'] as const;
		// What each viewer sees, and whose name or id must not be in it (a phone names its own owner).
		const shown: [string, readonly (keyof typeof names)[]][] = [
			[await wall.content(), everyone],
			[await anna.content(), ['bram', 'cem']],
			[await cem.content(), ['anna', 'bram']],
			[await streamed(`${second.url}/live/stroom`, tokens.bram), everyone],
			[await streamed(`${firstUrl}${livePath()}/stroom`, tokens.trainer), everyone],
			[await streamed(`${second.url}${livePath()}/stroom?scherm=muur`, tokens.trainer), everyone]
		];
		for (const [text, others] of shown)
			for (const who of others) {
				expect(text).not.toContain(names[who]);
				expect(text).not.toContain(people[who].personId);
			}
		await expectAccessible(trainer);

		// The wall of the open question kept on the group's board, without names (it was anonymous).
		await trainer.goto(livePath());
		await trainer
			.locator('ol.prompts li', { hasText: 'Wat helpt jou vandaag?' })
			.getByRole('button', { name: 'Bewaar op het prikbord' })
			.click();
		await trainer.getByRole('link', { name: 'Naar het prikbord' }).click();
		const kept = trainer.locator('article, li').filter({ hasText: 'Wandelen in het park' }).first();
		await kept.waitFor();
		expect(await kept.innerText()).not.toContain(names.anna);

		// Who took part: a suggestion beside the attendance, never filled in.
		await trainer.goto(livePath());
		await trainer.getByRole('button', { name: 'Stop live modus' }).click();
		await trainer.goto(`/trainer/groepen/${groupId}/sessies/${sessionId}`);
		await trainer.getByText(`Deden mee in live modus: ${names.anna}, ${names.bram}, ${names.cem}`).waitFor();
		await wall.getByText('Live modus staat uit.').waitFor();
		await anna.goto('/');
		expect(await anna.getByText('De groep is bezig').count()).toBe(0);
	});

	it('resumes a cut stream from its last event id: nothing missed, nothing twice', async () => {
		const trainer = await open(tokens.trainer, { wide: true });
		await trainer.goto(livePath());
		await untilHydrated(trainer);
		// Counted here: this test does not depend on how far the one before it came.
		const before = await trainer.locator('ol.prompts li').count();
		await trainer.getByLabel('Vraag', { exact: true }).fill('Wat neem je mee naar huis?');
		await trainer
			.locator('form', { has: trainer.getByLabel('Vraag', { exact: true }) })
			.getByRole('button', { name: 'Toevoegen' })
			.click();
		await expect.poll(() => trainer.locator('ol.prompts li').count()).toBe(before + 1);
		await trainer.getByRole('button', { name: 'Start live modus' }).click();
		await trainer
			.locator('ol.prompts li', { hasText: 'Wat neem je mee naar huis?' })
			.getByRole('button', { name: 'Stel deze vraag' })
			.click();
		await trainer.locator('.current', { hasText: 'Wat neem je mee naar huis?' }).waitFor();
		// Instance 2 ends each stream after 2 seconds; answers arrive on instance 1 meanwhile.
		const seen: { id: number; data: string }[] = [];
		let last: number | null = null;
		const writers = (async () => {
			for (const [who, text] of [
				['anna', 'Eerste'],
				['bram', 'Tweede'],
				['cem', 'Derde']
			] as const) {
				const phone = await open(tokens[who], { javaScript: false });
				await phone.goto('/live');
				await phone.getByLabel('Jouw antwoord').fill(text);
				await phone.getByRole('button', { name: /Antwoord sturen|Nieuw antwoord sturen/ }).click();
				await phone.getByText('Je antwoord is opgeslagen.').waitFor();
			}
		})();
		const deadline = Date.now() + 60_000;
		let connections = 0;
		while (Date.now() < deadline) {
			const messages = await readStream(`${second.url}/live/stroom`, tokens.anna, last, () => false);
			connections++;
			seen.push(...messages);
			if (messages.length) last = messages.at(-1)!.id;
			const latest = seen.at(-1)?.data ?? '';
			if (
				latest.includes('Wat neem je mee naar huis?') &&
				latest.includes('"answerCount":3') &&
				connections >= 2
			)
				break;
		}
		await writers;
		const ids = seen.map((message) => message.id);
		// Every message newer than the one before, over every reconnect: nothing twice.
		expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
		expect(connections).toBeGreaterThanOrEqual(2);
		// The last state has all three answers: nothing missed.
		expect(seen.at(-1)?.data).toContain('"answerCount":3');
		expect(seen.at(-1)?.data).toContain('Wat neem je mee naar huis?');
		await trainer.getByRole('button', { name: 'Stop live modus' }).click();
	});
});
