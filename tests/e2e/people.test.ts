/**
 * Account lifecycle as staff meet it: a trainer adds a participant (JavaScript off), a coordinator
 * turns an account off only after confirming, and that person can no longer sign in.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	demo,
	DEMO_PASSWORD,
	expectAccessible,
	launchBrowser,
	newContext,
	signIn,
	untilHydrated
} from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

describe('account lifecycle', () => {
	it('a trainer adds a participant to the group, with a clear message for bad input', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, demo.peerTrainer);
		// Esra may train other groups too (the calendar test makes one): work in the demo group's section.
		const group = page.locator('section', { has: page.getByRole('heading', { name: 'Herstelgroep Demo' }) });
		await group.getByText('Deelnemer toevoegen').click();
		await group.getByRole('button', { name: 'Voeg toe aan Herstelgroep Demo' }).click();
		expect(await group.locator('.field .error').first().textContent()).toBe('Vul een naam in.');
		await group.getByLabel('Naam').fill('Iris (demo)');
		await group.getByLabel('E-mailadres (mag leeg blijven)').fill('deelnemer1@demo.herstelpad.example');
		await group.getByRole('button', { name: 'Voeg toe aan Herstelgroep Demo' }).click();
		expect(await group.locator('.field .error').first().textContent()).toBe(
			'Dit e-mailadres hoort al bij een ander account.'
		);
		expect(await group.getByLabel('Naam').inputValue()).toBe('Iris (demo)');
		await group.getByLabel('E-mailadres (mag leeg blijven)').fill('');
		await group.getByRole('button', { name: 'Voeg toe aan Herstelgroep Demo' }).click();
		expect(await page.getByRole('status').textContent()).toContain('Iris (demo) is toegevoegd aan de groep.');
		// Iris is in the group at a glance now, never signed in.
		const iris = group.getByRole('row', { name: /^Iris \(demo\)/ });
		expect(await iris.innerText()).toContain('Nooit');
		await context.close();
	});

	it('a coordinator finds a person and turns the account off only after confirming', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.coordinator);
		await page.getByRole('link', { name: 'Mensen' }).click();
		await page.waitForURL((url) => url.pathname === '/beheer/mensen');
		await expectAccessible(page);
		// No drop-down per row any more: the list is for finding, the person's page for changing.
		expect(await page.locator('table select').count()).toBe(0);
		await page.getByLabel('Naam').fill('hann');
		await page.getByLabel('Status').selectOption({ label: 'actief' });
		await page.getByRole('button', { name: 'Zoek' }).click();
		await page.waitForURL((url) => url.searchParams.get('zoek') === 'hann');
		expect(await page.getByRole('row').count()).toBe(2);
		expect(await page.getByText('Gevonden: 1.').count()).toBe(1);
		await page.getByRole('link', { name: 'Hanna (demo)' }).click();
		await page.waitForURL((url) => /^\/beheer\/mensen\/[0-9a-f-]{36}$/.test(url.pathname));
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hanna (demo)');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Zet account uit' }).click();
		await expect
			.poll(() => page.getByRole('alert').first().textContent())
			.toBe('Vink eerst aan dat je het zeker weet.');
		await page.getByLabel('Ja, zet het account van Hanna (demo) uit').check();
		await page.getByRole('button', { name: 'Zet account uit' }).click();
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toBe('Het account van Hanna (demo) staat uit. Alle sessies zijn beëindigd.');
		await expectAccessible(page);

		const participant = await (await newContext(browser, { javaScript: false })).newPage();
		await participant.goto('/inloggen');
		await untilHydrated(participant);
		await participant.getByLabel('E-mailadres').fill('deelnemer8@demo.herstelpad.example');
		await participant.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
		await participant.getByRole('button', { name: 'Inloggen', exact: true }).click();
		expect(await participant.getByRole('alert').textContent()).toContain('Dit account is niet meer actief.');

		await page.getByRole('button', { name: 'Zet account weer aan' }).click();
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toBe('Het account van Hanna (demo) staat weer aan.');
		await context.close();
	});

	it("a coordinator moves a participant to another group on the participant's own page", async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, demo.coordinator);
		await page.goto('/beheer/groepen/nieuw');
		await page.getByLabel('Naam van de groep').fill('Herstelgroep Verhuis (demo)');
		await page.getByLabel('Plaats').fill('Buurthuis West (demo)');
		await page.getByLabel('Dag van de week').selectOption({ label: 'woensdag' });
		await page.getByLabel('Begintijd').fill('10:00');
		await page.getByLabel('Startdatum').fill('2027-01-06');
		await page.getByRole('button', { name: 'Groep en kalender maken' }).click();
		await page.waitForURL((url) => url.searchParams.has('nieuw'));
		// Iris was added to the demo group by the first test of this file.
		await page.goto('/beheer/mensen?zoek=iris');
		await page.getByRole('link', { name: 'Iris (demo)' }).click();
		await page
			.getByLabel('Verplaats Iris (demo) naar')
			.selectOption({ label: 'Herstelgroep Verhuis (demo)' });
		await page.getByRole('button', { name: 'Verplaats' }).click();
		expect(await page.getByRole('status').textContent()).toBe(
			'Iris (demo) zit nu in Herstelgroep Verhuis (demo).'
		);
		await page.goto('/beheer/mensen?groep=verhuis');
		expect(await page.getByRole('row', { name: /Iris \(demo\)/ }).textContent()).toContain(
			'Herstelgroep Verhuis (demo)'
		);
		await context.close();
	});

	it('the list and the person page work without JavaScript: search, filters, the current group', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, demo.coordinator);
		await page.goto('/beheer/mensen');
		await page.getByLabel('Groep', { exact: true }).fill('demo');
		await page.getByLabel('Rol').selectOption({ label: 'Deelnemer' });
		await page.getByRole('button', { name: 'Zoek' }).click();
		await page.waitForURL((url) => url.searchParams.get('groep') === 'demo');
		const rows = page.getByRole('row');
		expect(await rows.count()).toBeGreaterThanOrEqual(9);
		expect(await page.getByRole('cell', { name: 'Trainer' }).count()).toBe(0);
		await page.getByLabel('Naam').fill('hanna');
		await page.getByRole('button', { name: 'Zoek' }).click();
		await page.waitForURL((url) => url.searchParams.get('zoek') === 'hanna');
		await page.getByRole('link', { name: 'Hanna (demo)' }).click();
		await page.waitForURL((url) => /^\/beheer\/mensen\/[0-9a-f-]{36}$/.test(url.pathname));
		expect(await page.locator('dl').textContent()).toContain('Herstelgroep Demo');
		await page.getByRole('link', { name: 'Terug naar Mensen' }).click();
		await page.waitForURL((url) => url.pathname === '/beheer/mensen');
		await context.close();
	});
});
