/**
 * "Wat helpt mij" and "Steunnetwerk" in the browser (issue 18, items 7 and 8), in an organisation of
 * their own, with JavaScript on and off: from home to the toolbox in one tap; an idea into the list
 * with one tap and rated; an own way of coping written, changed and taken out (after a question);
 * the toolbox from the help screen; the network: someone added, and the picture and its text
 * alternative name them in their ring; changed and taken out. Axe and the flat-explicit limits on
 * every new screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { tourSeen } from '../../src/lib/server/db/schema';
import { buildGroup, buildOrganisation, buildPerson, buildSignedIn } from '../helpers/builders';
import {
	expectAccessible,
	expectFlatExplicit,
	expectTallTargets,
	launchBrowser,
	signedInContext,
	untilHydrated
} from './browser';

let browser: Browser;
let database: Database;

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

/** A participant in a group of their own, past the first-use tour. */
async function buildParticipant(name: string): Promise<Actor> {
	const db = database.db;
	const org = await buildOrganisation(db);
	const trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', phone: '010 000 00 00' });
	const participant = await buildPerson(db, { organisationId: org.id, role: 'participant', name });
	await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [participant] });
	await db.insert(tourSeen).values({ personId: participant.personId });
	return participant;
}

async function open(actor: Actor, javaScript: boolean) {
	const token = await buildSignedIn(database.db, actor);
	return signedInContext(browser, token, { javaScript, viewport: { width: 390, height: 844 } });
}

/** Clicks and waits for the page it leads to. */
async function follow(page: Page, click: () => Promise<void>, to: RegExp): Promise<void> {
	await Promise.all([page.waitForURL(to), click()]);
}

/** The flat-explicit limits always; axe where the page runs its scripts (axe needs them). */
async function expectScreen(page: Page, javaScript: boolean): Promise<void> {
	await expectFlatExplicit(page);
	await expectTallTargets(page);
	if (javaScript) await expectAccessible(page);
}

describe('"Wat helpt mij"', () => {
	for (const javaScript of [true, false])
		it(`from home in one tap: an idea added and rated, an own way written, changed and taken out (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
			const participant = await buildParticipant(`Wim Werkboek ${javaScript ? 'aan' : 'uit'}`);
			const { context, page } = await open(participant, javaScript);
			await page.goto('/');
			await expectFlatExplicit(page);
			await follow(page, () => page.getByRole('link', { name: 'Wat helpt mij' }).click(), /\/wat-helpt-mij$/);
			await page.getByText('Je lijst is nog leeg.').waitFor();
			await expectScreen(page, javaScript);

			// An idea, with one tap; its page asks how well it helps.
			await follow(page, () => page.getByRole('link', { name: 'Iets toevoegen' }).click(), /ideeen$/);
			await expectScreen(page, javaScript);
			await untilHydrated(page);
			const walk = page
				.getByRole('article')
				.filter({ has: page.getByRole('heading', { name: 'Een stukje wandelen' }) });
			await follow(page, () => walk.getByRole('button', { name: 'Zet in mijn lijst' }).click(), /toegevoegd/);
			await page.getByRole('heading', { level: 1, name: 'Een stukje wandelen' }).waitFor();
			expect(await page.getByRole('status').textContent()).toContain('Dit staat nu in je lijst.');
			await expectScreen(page, javaScript);
			await untilHydrated(page);
			await page.getByLabel('Helpt heel goed').check();
			await follow(page, () => page.getByRole('button', { name: 'Opslaan' }).click(), /opgeslagen/);
			expect(await page.getByLabel('Helpt heel goed').isChecked()).toBe(true);

			// Back at the ideas, the idea says it is in the list.
			await follow(page, () => page.getByRole('link', { name: 'Meer ideeën' }).click(), /ideeen\?pagina=1$/);
			expect(await walk.textContent()).toContain('Staat in je lijst');

			// An own way of coping: empty words come back with a message, then it is kept.
			await follow(page, () => page.getByRole('link', { name: 'Zelf iets opschrijven' }).click(), /nieuw$/);
			await expectScreen(page, javaScript);
			await untilHydrated(page);
			await page.getByLabel('Wat helpt jou?').fill('   ');
			await page.getByRole('button', { name: 'Opslaan' }).click();
			await page.getByText('Schrijf op wat jou helpt.').waitFor();
			await page.getByLabel('Wat helpt jou?').fill('Mijn kat aaien');
			await follow(page, () => page.getByRole('button', { name: 'Opslaan' }).click(), /toegevoegd$/);
			await page.getByRole('heading', { level: 1, name: 'Mijn kat aaien' }).waitFor();
			await untilHydrated(page);
			await page.getByLabel('Helpt een beetje').check();
			await follow(page, () => page.getByRole('button', { name: 'Opslaan' }).click(), /opgeslagen/);

			// Its words changed.
			await follow(page, () => page.getByRole('link', { name: 'Tekst aanpassen' }).click(), /aanpassen$/);
			await expectScreen(page, javaScript);
			await untilHydrated(page);
			await page.getByLabel('Wat helpt jou?').fill('Mijn kat Minoes aaien');
			await follow(page, () => page.getByRole('button', { name: 'Opslaan' }).click(), /opgeslagen/);
			await page.getByRole('heading', { level: 1, name: 'Mijn kat Minoes aaien' }).waitFor();

			// The list: best first, each rating in words.
			await follow(
				page,
				() => page.getByRole('link', { name: 'Terug naar mijn lijst' }).click(),
				/\/wat-helpt-mij$/
			);
			const items = page.getByRole('list', { name: 'Mijn lijst' }).getByRole('listitem');
			expect((await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
				'Een stukje wandelen Helpt heel goed',
				'Mijn kat Minoes aaien Helpt een beetje'
			]);
			await expectScreen(page, javaScript);

			// Taken out, after a question that can be answered "no".
			await follow(
				page,
				() => page.getByRole('link', { name: 'Mijn kat Minoes aaien' }).click(),
				/wat-helpt-mij\/[0-9a-f-]+$/
			);
			await follow(
				page,
				() => page.getByRole('button', { name: 'Uit mijn lijst halen' }).click(),
				/weghalen$/
			);
			await page
				.getByRole('heading', { name: 'Wil je ‘Mijn kat Minoes aaien’ uit je lijst halen?' })
				.waitFor();
			await expectScreen(page, javaScript);
			await follow(page, () => page.getByRole('link', { name: 'Nee, laten staan' }).click(), /[0-9a-f]$/);
			await follow(
				page,
				() => page.getByRole('button', { name: 'Uit mijn lijst halen' }).click(),
				/weghalen$/
			);
			await follow(page, () => page.getByRole('button', { name: 'Ja, haal weg' }).click(), /weggehaald$/);
			expect(await page.getByRole('status').textContent()).toContain('Weggehaald uit je lijst.');
			expect(await items.allInnerTexts()).toHaveLength(1);

			// From the help screen: one tap.
			await page.goto('/hulp');
			await expectFlatExplicit(page);
			await follow(
				page,
				() => page.getByRole('button', { name: 'Wat helpt mij' }).click(),
				/\/wat-helpt-mij\??$/
			);
			await page.getByRole('link', { name: 'Een stukje wandelen' }).waitFor();
			await context.close();
		});
});

describe('"Steunnetwerk"', () => {
	for (const javaScript of [true, false])
		it(`someone added shows in the picture and in its words, changed and taken out (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
			const participant = await buildParticipant(`Nina Netwerk ${javaScript ? 'aan' : 'uit'}`);
			const { context, page } = await open(participant, javaScript);
			// Two taps from home: through "Wat helpt mij" (home shows it itself when it has room).
			await page.goto('/');
			await follow(page, () => page.getByRole('link', { name: 'Wat helpt mij' }).click(), /\/wat-helpt-mij$/);
			await follow(
				page,
				() => page.getByRole('link', { name: 'Mijn steunnetwerk' }).click(),
				/\/steunnetwerk$/
			);
			expect(await page.getByRole('img', { name: /Er staat nog niemand om mij heen/ }).count()).toBe(1);
			await expectScreen(page, javaScript);

			await follow(page, () => page.getByRole('link', { name: 'Iemand toevoegen' }).click(), /nieuw$/);
			await expectScreen(page, javaScript);
			await untilHydrated(page);
			// Without a kind of support: the message, and the name still there.
			await page.getByLabel('Wie is het?').fill('Mijn zus Sanne');
			await page.getByLabel('Elke dag').check();
			await page.getByRole('button', { name: 'Opslaan' }).click();
			await page.getByText('Kies wat deze persoon voor je doet.').waitFor();
			expect(await page.getByLabel('Wie is het?').inputValue()).toBe('Mijn zus Sanne');
			expect(await page.getByLabel('Elke dag').isChecked()).toBe(true);
			await page.getByLabel('Iemand om mee te praten').check();
			await page.getByLabel('Bij een crisis').check();
			await follow(page, () => page.getByRole('button', { name: 'Opslaan' }).click(), /toegevoegd$/);

			// The picture names her in the closest ring, and its text alternative says the same.
			const picture = page.getByRole('img', { name: /Ik sta in het midden\.\s*Elke dag: Mijn zus Sanne\./ });
			expect(await picture.count()).toBe(1);
			expect(await picture.locator('svg text').allTextContents()).toContain('Mijn zus Sanne');
			expect(await page.locator('#network-text').textContent()).toContain('Elke dag: Mijn zus Sanne.');
			const person = page.getByRole('listitem').filter({ hasText: 'Mijn zus Sanne' });
			expect(await person.textContent()).toContain('Iemand om mee te praten, Bij een crisis');
			await expectScreen(page, javaScript);

			// Changed: now in the weekly ring.
			await follow(
				page,
				() => page.getByRole('link', { name: 'Mijn zus Sanne' }).click(),
				/steunnetwerk\/[0-9a-f-]+$/
			);
			await expectScreen(page, javaScript);
			await untilHydrated(page);
			expect(await page.getByLabel('Bij een crisis').isChecked()).toBe(true);
			await page.getByLabel('Elke week').check();
			await follow(page, () => page.getByRole('button', { name: 'Opslaan' }).click(), /opgeslagen$/);
			expect(await page.locator('#network-text').textContent()).toContain('Elke week: Mijn zus Sanne.');

			// Taken out after a question.
			await follow(page, () => page.getByRole('link', { name: 'Mijn zus Sanne' }).click(), /[0-9a-f]$/);
			await follow(
				page,
				() => page.getByRole('button', { name: 'Uit mijn steunnetwerk halen' }).click(),
				/weghalen$/
			);
			await expectScreen(page, javaScript);
			await follow(page, () => page.getByRole('button', { name: 'Ja, haal weg' }).click(), /weggehaald$/);
			expect(await page.getByRole('img', { name: /Er staat nog niemand om mij heen/ }).count()).toBe(1);

			// And back to the toolbox from here.
			await follow(page, () => page.getByRole('link', { name: 'Wat helpt mij' }).click(), /\/wat-helpt-mij$/);
			await context.close();
		});
});
