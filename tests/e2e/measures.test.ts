/**
 * The IMR Scale in the browser (issue 19, items 1–5), in an organisation of its own: a participant
 * fills it in from home one item per screen with JavaScript on (each choice saved at once) and sends
 * it; another does it without JavaScript, skips, goes back, resumes and begins again (asked first);
 * the trainer fills in the clinician version and sees both side by side; the coordinator imports a
 * definition (a wrong one is refused naming the item) and sees means only from five answers. Axe on
 * every screen, the flat-explicit limits on the participant's.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { imrScale } from '../../src/lib/domain/measures/imr-scale';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { tourSeen } from '../../src/lib/server/db/schema';
import { buildGroup, buildOrganisation, buildPerson, buildSignedIn } from '../helpers/builders';
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
let trainer: Actor;
let coordinator: Actor;
let groupId: string;

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	const db = database.db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara Meting' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator', name: 'Cora Meting' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna Meting' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram Meting' });
	// The group started on 1 September 2026: its baseline is open until late February 2027.
	groupId = (
		await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] })
	).id;
	await db.insert(tourSeen).values([{ personId: anna.personId }, { personId: bram.personId }]);
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

async function open(actor: Actor, javaScript: boolean) {
	const token = await buildSignedIn(database.db, actor);
	return signedInContext(browser, token, { javaScript, viewport: { width: 390, height: 844 } });
}

async function follow(page: Page, click: () => Promise<void>, to: RegExp): Promise<void> {
	await Promise.all([page.waitForURL(to), click()]);
}

async function checkScreen(page: Page): Promise<void> {
	await expectFlatExplicit(page);
	await expectAccessible(page);
}

describe('the participant version', () => {
	it('is filled in from home one item per screen, each choice saved at once, and sent', async () => {
		const { context, page } = await open(anna, true);
		await page.goto('/');
		await follow(
			page,
			() => page.getByRole('link', { name: 'Vragenlijst invullen' }).click(),
			/\/vragenlijst$/
		);
		await page.getByText('eigen woorden van Herstelpad').waitFor();
		await checkScreen(page);
		await follow(page, () => page.getByRole('button', { name: 'Begin' }).click(), /\/vragenlijst\/1$/);
		await checkScreen(page);
		await untilHydrated(page);
		// Chosen, not sent: still chosen after a reload.
		await page.getByLabel('Een doel, flink op weg').check();
		await page.getByText('Je antwoord is opgeslagen.').waitFor();
		await page.reload();
		expect(await page.getByLabel('Een doel, flink op weg').isChecked()).toBe(true);
		// The rest: the fourth answer on every screen; no medicine, so item 13 is passed over.
		for (let screen = 1; screen < 20 && !page.url().endsWith('/klaar'); screen++) {
			const url = page.url();
			const options = page.locator('input[name="antwoord"]');
			if (url.endsWith('/vragenlijst/13')) await page.getByLabel('Nee').check();
			else if (!url.endsWith('/vragenlijst/1')) await options.nth(3).check();
			await Promise.all([
				page.waitForURL((next) => next.href !== url),
				page.getByRole('button', { name: 'Volgende' }).click()
			]);
			expect(page.url()).not.toMatch(/\/vragenlijst\/14$/);
		}
		await page.getByText('Je hebt 15 van de 15 vragen beantwoord.').waitFor();
		await checkScreen(page);
		await follow(
			page,
			() => page.getByRole('button', { name: 'Verstuur mijn antwoorden' }).click(),
			/uitkomst\?verstuurd$/
		);
		await page.getByText('Jouw uitkomst bij de start: 4,0 van 5.').waitFor();
		await checkScreen(page);
		await follow(page, () => page.getByRole('link', { name: 'Per onderwerp' }).click(), /deel=2$/);
		await page.getByText('Kennis en doelen: 4,0 van 5').waitFor();
		await checkScreen(page);
		// Sent: home no longer asks for it.
		await page.goto('/');
		expect(await page.getByRole('link', { name: 'Vragenlijst invullen' }).count()).toBe(0);
		await context.close();
	});

	it('works without JavaScript: skip, back, go on where one was, and begin again after asking', async () => {
		const { context, page } = await open(bram, false);
		await page.goto('/vragenlijst');
		await follow(page, () => page.getByRole('button', { name: 'Begin' }).click(), /\/vragenlijst\/1$/);
		await page.getByLabel('Een doel, een begin gemaakt').check();
		await follow(page, () => page.getByRole('button', { name: 'Volgende' }).click(), /\/vragenlijst\/2$/);
		await follow(
			page,
			() => page.getByRole('button', { name: 'Sla deze vraag over' }).click(),
			/\/vragenlijst\/3$/
		);
		await follow(page, () => page.getByRole('button', { name: 'Vorige' }).click(), /\/vragenlijst\/2$/);
		await follow(page, () => page.getByRole('button', { name: 'Vorige' }).click(), /\/vragenlijst\/1$/);
		expect(await page.getByLabel('Een doel, een begin gemaakt').isChecked()).toBe(true);
		// Leave, come back: go on where one was, or begin again (asked first).
		await page.goto('/vragenlijst');
		await page.getByText('Je hebt al 1 vragen beantwoord.').waitFor();
		await follow(page, () => page.getByRole('link', { name: 'Opnieuw beginnen' }).click(), /opnieuw$/);
		await page.getByText('Je antwoorden tot nu toe worden dan gewist.').waitFor();
		await follow(
			page,
			() => page.getByRole('button', { name: 'Ja, opnieuw beginnen' }).click(),
			/\/vragenlijst\/1$/
		);
		expect(await page.getByLabel('Een doel, een begin gemaakt').isChecked()).toBe(false);
		await context.close();
	});
});

describe('the clinician version and the results', () => {
	it('is filled in by the trainer and shown beside the participant’s', async () => {
		const token = await buildSignedIn(database.db, trainer);
		const { context, page } = await signedInContext(browser, token, { javaScript: true });
		await page.goto(`/trainer/groepen/${groupId}/metingen`);
		await page.getByRole('table', { name: 'Wie vulde wat in, per moment' }).waitFor();
		await expectAccessible(page);
		await follow(
			page,
			() => page.getByRole('link', { name: 'invullen (Anna Meting, bij de start)' }).click(),
			/invullen\?moment=0$/
		);
		await expectAccessible(page);
		// Three answers each on every item; "no medicine".
		for (const group of await page.locator('fieldset.item').all()) {
			const legend = await group.locator('legend').innerText();
			if (legend.startsWith('13.')) await group.getByLabel('Nee').check();
			else await group.locator('input[type="radio"]').nth(2).check();
		}
		await follow(
			page,
			() => page.getByRole('button', { name: 'Klaar: bewaar als ingevuld' }).click(),
			/metingen\/[0-9a-f-]+$/
		);
		await page.getByRole('heading', { name: 'Uitkomsten van Anna Meting' }).waitFor();
		const mean = page.getByRole('table', { name: 'Gemiddelde score' });
		await expect(mean.getByRole('row', { name: /bij de start/ }).innerText()).resolves.toMatch(
			/4,0 van 5\s+3,0 van 5/
		);
		expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(15);
		await expectAccessible(page);
		await context.close();
	});
});

describe('the coordinator', () => {
	it('imports a definition (a wrong one is refused, naming the item) and sees means only from five', async () => {
		const token = await buildSignedIn(database.db, coordinator);
		const { context, page } = await signedInContext(browser, token, { javaScript: false });
		await page.goto('/beheer/metingen');
		await page.getByText('te weinig om te tonen (minder dan 5)').first().waitFor();
		const broken = imrScale('participant');
		broken.item = broken.item.map((item, index) => (index === 2 ? { ...item, answerOption: [] } : item));
		await page
			.getByLabel('Of plak de JSON hier')
			.fill(JSON.stringify({ ...broken, url: 'https://example.org/imr-licensed' }));
		await page.getByRole('button', { name: 'Inlezen' }).click();
		await page.getByText('Een vraag heeft te weinig of te veel antwoorden').first().waitFor();
		await page.getByText('(bij: 3)').waitFor();
		// What was pasted is still there; fixed, it is imported.
		expect(await page.getByLabel('Of plak de JSON hier').inputValue()).toContain('imr-licensed');
		await page.getByLabel('Of plak de JSON hier').fill(
			JSON.stringify({
				...imrScale('participant'),
				url: 'https://example.org/imr-licensed',
				version: 'nl-2'
			})
		);
		await follow(page, () => page.getByRole('button', { name: 'Inlezen' }).click(), /ingelezen$/);
		await page.getByText('https://example.org/imr-licensed').waitFor();
		const withJs = await signedInContext(browser, token, { javaScript: true });
		await withJs.page.goto('/beheer/metingen');
		await expectAccessible(withJs.page);
		await withJs.context.close();
		await context.close();
	});
});
