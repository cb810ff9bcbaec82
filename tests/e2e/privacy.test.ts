/**
 * Privacy rights in the browser (issue 20, items 1–5), in an organisation of its own: a participant
 * switches a consent on "who can see what", prepares and downloads their own data with the progress
 * shown (with JavaScript, and without: the page refreshes itself), asks for erasure (a tick first);
 * the coordinator refuses one request with a reason the participant then reads, erases another (that
 * participant is signed out everywhere and their data gone), and tries the retention dry run. Axe on
 * every screen, the flat-explicit limits on the participant's.
 */
import { eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { checkIn, person, tourSeen } from '../../src/lib/server/db/schema';
import { buildCheckIn, buildGroup, buildOrganisation, buildPerson, buildSignedIn } from '../helpers/builders';
import {
	expectAccessible,
	expectFlatExplicit,
	launchBrowser,
	signedInContext,
	untilHydrated
} from './browser';

let browser: Browser;
let database: Database;
let anna: Actor;
let bram: Actor;
let carla: Actor;
let trainer: Actor;
let coordinator: Actor;

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	const db = database.db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara Privacy' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator', name: 'Cora Privacy' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna Privacy' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram Privacy' });
	carla = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Carla Privacy' });
	const group = await buildGroup(db, {
		organisationId: org.id,
		trainers: [trainer],
		participants: [anna, bram, carla]
	});
	await buildCheckIn(db, {
		participant: anna,
		groupId: group.id,
		weekStart: '2026-09-08',
		bringUp: 'Mijn eigen week'
	});
	await buildCheckIn(db, { participant: carla, groupId: group.id, weekStart: '2026-09-08' });
	await db
		.insert(tourSeen)
		.values([{ personId: anna.personId }, { personId: bram.personId }, { personId: carla.personId }]);
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

async function open(actor: Actor, javaScript: boolean) {
	const token = await buildSignedIn(database.db, actor);
	const viewport = actor.role === 'participant' ? { width: 390, height: 844 } : { width: 1024, height: 800 };
	return signedInContext(browser, token, { javaScript, viewport });
}

async function checkScreen(page: Page): Promise<void> {
	await expectFlatExplicit(page);
	await expectAccessible(page);
}

describe('the participant', () => {
	it('sees who can see what and switches research on there, with the change in the consent history', async () => {
		const { context, page } = await open(anna, true);
		await page.goto('/account');
		await Promise.all([
			page.waitForURL(/\/privacy$/),
			page.getByRole('link', { name: 'Jouw gegevens en privacy' }).click()
		]);
		await checkScreen(page);
		await Promise.all([
			page.waitForURL(/\/privacy\/wie-ziet-wat$/),
			page.getByRole('link', { name: 'Wie kan wat van mij zien' }).click()
		]);
		await page.getByText('Tamara Privacy (trainer)').waitFor();
		await page.getByText('Krijgen niets van jou.').waitFor();
		await checkScreen(page);
		await untilHydrated(page);
		await page
			.getByRole('listitem')
			.filter({ hasText: 'Onderzoekers' })
			.getByRole('button', { name: 'Aanzetten' })
			.click();
		await page.getByText('Krijgen je gegevens zonder naam').waitFor();
		await page.goto('/privacy/toestemming');
		await page.getByText(/Onderzoek: aangezet op/).waitFor();
		await checkScreen(page);
		await context.close();
	});

	it('prepares the download with its progress and takes it once (JavaScript on)', async () => {
		const { context, page } = await open(anna, true);
		await page.goto('/privacy/downloaden');
		await checkScreen(page);
		await untilHydrated(page);
		await page.getByRole('button', { name: 'Bestand maken' }).click();
		const link = page.getByRole('link', { name: 'Downloaden' });
		await link.waitFor({ timeout: 30_000 });
		await checkScreen(page);
		const href = await link.getAttribute('href');
		const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
		const zip = unzipSync(new Uint8Array(await fs.readFile((await download.path())!)));
		expect(strFromU8(zip['gegevens.json']!)).toContain('Mijn eigen week');
		expect(strFromU8(zip['gegevens.json']!)).not.toContain('Tamara Privacy');
		await page.reload();
		await page.getByText(/Je hebt je bestand gedownload op/).waitFor();
		// The link works once.
		expect((await page.request.get(href!)).status()).toBe(404);
		await context.close();
	});

	it('sees the progress without JavaScript: the page refreshes itself until the file is ready', async () => {
		const { context, page } = await open(bram, false);
		await page.goto('/privacy/downloaden');
		await page.getByRole('button', { name: 'Bestand maken' }).click();
		// Either still working (a progress bar that refreshes) or already done.
		await page.getByRole('link', { name: 'Downloaden' }).waitFor({ timeout: 30_000 });
		const href = await page.getByRole('link', { name: 'Downloaden' }).getAttribute('href');
		const first = await page.request.get(href!);
		expect(first.status()).toBe(200);
		expect(first.headers()['content-type']).toBe('application/zip');
		const second = await page.request.get(href!);
		expect(second.status()).toBe(404);
		await context.close();
	});
});

describe('erasure', () => {
	it('is asked for after a tick; the coordinator refuses with a reason the participant reads', async () => {
		const { context, page } = await open(bram, true);
		await page.goto('/privacy/wissen');
		await checkScreen(page);
		await untilHydrated(page);
		await page.getByRole('button', { name: 'Wissen aanvragen' }).click();
		await page.getByRole('link', { name: 'Vink eerst aan dat je het zeker weet.' }).waitFor();
		await page.getByLabel('Ik weet dat wissen niet terug kan.').check();
		await page.getByRole('button', { name: 'Wissen aanvragen' }).click();
		await page.getByText(/Je hoort uiterlijk/).waitFor();

		const staff = await open(coordinator, true);
		await staff.page.goto('/beheer/privacy');
		await expectAccessible(staff.page);
		await Promise.all([
			staff.page.waitForURL(/\/beheer\/privacy\/[0-9a-f-]{36}$/),
			staff.page.getByRole('link', { name: 'Bram Privacy' }).click()
		]);
		await expectAccessible(staff.page);
		await untilHydrated(staff.page);
		await staff.page.getByLabel('Weigeren', { exact: true }).check();
		await staff.page.getByRole('button', { name: 'Besluit opslaan' }).click();
		await staff.page.getByText('Schrijf waarom je weigert.').first().waitFor();
		await staff.page.getByLabel('Weigeren', { exact: true }).check();
		await staff.page.getByLabel(/Toelichting voor de deelnemer/).fill('Uw dossier moet nog blijven.');
		await staff.page.getByRole('button', { name: 'Besluit opslaan' }).click();
		await staff.page.getByText('Het verzoek is geweigerd.').waitFor();

		await page.goto('/privacy/wissen');
		await page.getByText('Uw dossier moet nog blijven.').waitFor();
		await context.close();
		await staff.context.close();
	});

	it('entered by the coordinator and decided: the participant is gone, signed out, their data erased', async () => {
		const participant = await open(carla, true);
		await participant.page.goto('/');
		const staff = await open(coordinator, true);
		await staff.page.goto(`/beheer/mensen/${carla.personId}`);
		await untilHydrated(staff.page);
		await staff.page.getByText('Verzoek om te wissen invoeren').click();
		await staff.page.getByLabel('Carla Privacy vroeg om de gegevens te wissen.').check();
		await Promise.all([
			staff.page.waitForURL(/\/beheer\/privacy\/[0-9a-f-]{36}$/),
			staff.page.getByRole('button', { name: 'Verzoek invoeren' }).click()
		]);
		await staff.page.getByRole('cell', { name: 'check_in' }).waitFor();
		await untilHydrated(staff.page);
		await staff.page.getByLabel('Wissen', { exact: true }).check();
		await staff.page.getByLabel('Ik weet dat wissen niet terug kan.').check();
		await staff.page.getByRole('button', { name: 'Besluit opslaan' }).click();
		await staff.page.getByText('De gegevens zijn gewist.').waitFor();
		expect(await database.db.select().from(person).where(eq(person.id, carla.personId))).toEqual([]);
		expect(await database.db.select().from(checkIn).where(eq(checkIn.personId, carla.personId))).toEqual([]);
		await participant.page.goto('/');
		await participant.page.waitForURL(/\/inloggen/);
		await participant.context.close();
		await staff.context.close();
	});
});

describe('after the course', () => {
	it('keeps the workbook readable and the forms closed, the privacy rights open', async () => {
		const db = database.db;
		const org = await buildOrganisation(db);
		const fleur = await buildPerson(db, {
			organisationId: org.id,
			role: 'participant',
			name: 'Fleur Privacy'
		});
		await buildGroup(db, { organisationId: org.id, participants: [fleur], endDate: '2026-10-01' });
		await db.insert(tourSeen).values({ personId: fleur.personId });
		const { context, page } = await open(fleur, false);
		// Any of their forms: here the one that starts a goal.
		await page.goto('/doel/nieuw');
		const form = page.locator('main form[method="post" i]').first();
		await form.evaluate((element: HTMLFormElement) => element.submit());
		await page.waitForURL(/\/werkboek\?afgelopen$/);
		await page.getByText(/Je cursus is afgelopen/).waitFor();
		await page.goto('/privacy/downloaden');
		await page.getByRole('button', { name: 'Bestand maken' }).click();
		await page.getByRole('link', { name: 'Downloaden' }).waitFor({ timeout: 30_000 });
		await context.close();
	});
});

describe('retention', () => {
	it('shows the periods, refuses an access log below 5 years, and does a dry run', async () => {
		const { context, page } = await open(coordinator, true);
		await page.goto('/beheer/privacy/bewaartermijnen');
		await expectAccessible(page);
		await untilHydrated(page);
		await page.getByLabel('Toegangslogboek').fill('12');
		await page.getByRole('button', { name: 'Termijnen opslaan' }).click();
		await page.getByText('Het logboek blijft minstens 60 maanden').first().waitFor();
		await page.getByRole('button', { name: 'Proefdraaien' }).click();
		await page.getByRole('table', { name: 'Wat nu weg zou gaan' }).waitFor();
		await context.close();
	});
});
