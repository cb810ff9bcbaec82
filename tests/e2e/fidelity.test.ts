/**
 * The fidelity self-assessment (modeltrouw) as the demo trainer and coordinator use it: the history
 * with the seeded earlier assessment, a new one with Herstelpad's proposals and their reasons, a
 * proposal taken over, saving with and without JavaScript, finalising, the printable report, and the
 * coordinator's way in from the group page. Axe on every screen; the form is reachable by keyboard.
 * Other tests change the demo group too, so figures are read from the page, not assumed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, expectAccessible, launchBrowser, newContext, signIn, untilHydrated } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

const groupSize = (page: Page) => page.locator('#onderdeel-group_size');

/** Tabs from the top of the page until `target` has the focus; fails after `max` presses. */
async function tabUntil(page: Page, target: string, max = 80): Promise<void> {
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	for (let press = 0; press < max; press++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, target)) return;
	}
	throw new Error(`${target} was not reached with the keyboard`);
}

describe('fidelity self-assessment', () => {
	let formPath = '';

	it('a trainer starts one, sees proposals with reasons, takes one over and saves', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.trainer);
		await page.goto('/trainer');
		const group = page.locator('section', { has: page.getByRole('heading', { name: 'Herstelgroep Demo' }) });
		await group.getByRole('link', { name: 'Modeltrouw', exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'Modeltrouw: Herstelgroep Demo' }).waitFor();
		// The seeded earlier assessment is in the history.
		const earlier = page.getByRole('row').filter({ hasText: 'Afgerond' }).first();
		expect(await earlier.textContent()).toContain('(redelijk)');
		expect(await page.getByText('Herstelpads eigen woorden').count()).toBe(1);
		await expectAccessible(page);

		await untilHydrated(page);
		await page.getByRole('button', { name: 'Begin de zelfbeoordeling' }).click();
		await page.waitForURL(/\/modeltrouw\/[0-9a-f-]{36}$/);
		formPath = new URL(page.url()).pathname;
		await page.getByRole('heading', { level: 1, name: /^Zelfbeoordeling / }).waitFor();
		// Proposals with their reasons; items Herstelpad knows nothing about say so.
		expect(await groupSize(page).locator('.proposal').textContent()).toMatch(
			/Voorstel van Herstelpad: \d\.\s+Nu \d+ deelnemers in de groep\./
		);
		expect(await page.locator('#voorstel-handouts').textContent()).toContain(
			'Herstelpad weet dit niet; vul zelf in.'
		);
		expect(await page.locator('#voorstel-programme_length').textContent()).toContain('bijeenkomsten gepland');
		await expectAccessible(page);

		// Take the group size proposal over; score handouts low: the page says what helps.
		await untilHydrated(page);
		await groupSize(page)
			.getByLabel(/Neem voorstel over/)
			.check();
		const handouts = page.locator('#onderdeel-handouts');
		await handouts.getByLabel(/^\s*2: /).check();
		expect(await handouts.locator('.attention').textContent()).toContain('Onder de 3. Wat helpt:');
		await handouts.getByLabel('Notitie bij Lesmateriaal mee naar huis').fill('Werkboek nog niet geprint.');
		await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
		await page.waitForURL('**?opgeslagen');
		expect(await page.getByRole('status').first().textContent()).toContain('Opgeslagen.');
		expect(
			await groupSize(page)
				.getByLabel(/Neem voorstel over/)
				.isChecked()
		).toBe(true);
		expect(await groupSize(page).textContent()).toContain('Voorstel van Herstelpad overgenomen.');
		expect(await page.locator('.total').textContent()).toMatch(
			/Totaal \d,\d: \w+ \(2 van 13 onderdelen gescoord\)\./
		);
		await expectAccessible(page);

		// Keyboard: the first choice and the save button are reached with Tab.
		await tabUntil(page, '#onderdeel-group_size input[value="voorstel"]');
		await tabUntil(page, 'button[value="opslaan"]', 400);
		await context.close();
	});

	it('saves without JavaScript, finalises, lists it and prints the report', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		// Axe needs the page's scripts: the same screens are checked with JavaScript in the other two tests.
		await signIn(page, demo.trainer);
		await page.goto(formPath);
		const goals = page.locator('#onderdeel-goal_setting');
		await goals.getByLabel(/^\s*4: /).check();
		await goals.getByLabel('Notitie bij Hersteldoelen stellen').fill('Bijna iedereen heeft nu een doel.');
		await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
		await page.waitForURL('**?opgeslagen');
		expect(await goals.getByLabel(/^\s*4: /).isChecked()).toBe(true);
		expect(await goals.getByLabel('Notitie bij Hersteldoelen stellen').inputValue()).toBe(
			'Bijna iedereen heeft nu een doel.'
		);
		// What was saved with JavaScript is still there.
		expect(
			await page
				.locator('#onderdeel-handouts')
				.getByLabel(/^\s*2: /)
				.isChecked()
		).toBe(true);

		await page.getByRole('button', { name: 'Opslaan en afronden' }).click();
		await page.waitForURL('**?afgerond');
		expect(await page.getByText('Deze zelfbeoordeling is afgerond.').count()).toBe(1);
		expect(await page.getByRole('button', { name: 'Opslaan', exact: true }).count()).toBe(0);

		await page.getByRole('link', { name: 'Terug naar modeltrouw' }).click();
		await page.waitForURL(/\/modeltrouw$/);
		expect(await page.getByRole('row').filter({ hasText: 'Afgerond' }).count()).toBeGreaterThanOrEqual(2);

		await page.goto(`${formPath}/afdrukken`);
		await page.getByRole('heading', { level: 1, name: 'Zelfbeoordeling modeltrouw' }).waitFor();
		expect(await page.getByRole('row').count()).toBe(14);
		expect(await page.getByText('Werkboek nog niet geprint.').count()).toBe(1);
		const attention = page.getByRole('listitem').filter({ hasText: 'Lesmateriaal mee naar huis (2).' });
		expect(await attention.count()).toBe(1);
		await context.close();
	});

	it('the coordinator reaches the same assessment from the group page', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.coordinator);
		const groupId = formPath.split('/')[3];
		await page.goto(`/beheer/groepen/${groupId}`);
		await page.getByRole('link', { name: 'Naar modeltrouw' }).click();
		await page.waitForURL(`**/beheer/groepen/${groupId}/modeltrouw`);
		await expectAccessible(page);
		const assessmentId = formPath.split('/').at(-1);
		await page.locator(`a[href$="/modeltrouw/${assessmentId}"]`).click();
		await page.waitForURL(`**/beheer/groepen/${groupId}/modeltrouw/${assessmentId}`);
		expect(await page.getByText('Deze zelfbeoordeling is afgerond.').count()).toBe(1);
		expect(
			await page
				.locator('#onderdeel-goal_setting')
				.getByLabel(/^\s*4: /)
				.isChecked()
		).toBe(true);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Rapport afdrukken' }).click();
		await page.waitForURL('**/afdrukken');
		await expectAccessible(page);
		await context.close();
	});
});
