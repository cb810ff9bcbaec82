/**
 * "Ik kom er niet uit": a participant asks for help from the screen they are on (JavaScript on and
 * off), sees that the trainer will contact them and the crisis numbers; the trainer sees it on the
 * start page under "Who needs attention" and closes it with a note. Demo participants 3 and 6.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, expectAccessible, expectFlatExplicit, launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

describe('"Ik kom er niet uit"', () => {
	it.each([
		{ email: 'deelnemer3@demo.herstelpad.example', javaScript: true },
		{ email: 'deelnemer6@demo.herstelpad.example', javaScript: false }
	])('$email asks for help from a module screen (JavaScript $javaScript)', async ({ email, javaScript }) => {
		const context = await newContext(browser, { javaScript });
		const page = await context.newPage();
		await signIn(page, email);
		await page.goto('/modules');
		await page.getByRole('link', { name: 'Hulp', exact: true }).click();
		await page.waitForURL('**/hulp?van=*');
		if (javaScript) await expectAccessible(page);
		await expectFlatExplicit(page);
		await page.getByRole('button', { name: 'Ik kom er niet uit' }).click();
		await page.waitForURL('**/hulp?verstuurd');
		expect(await page.getByRole('status').textContent()).toContain('Je trainer neemt contact met je op');
		expect(await page.locator('main').textContent()).toContain('113');
		if (javaScript) await expectAccessible(page);
		await context.close();
	});

	it('the trainer sees who asked, from which screen, and closes it with a note', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.trainer);
		await page.goto('/trainer');
		await expectAccessible(page);
		const attention = page.locator('section', {
			has: page.getByRole('heading', { name: 'Wie heeft aandacht nodig' })
		});
		const chris = attention.getByRole('listitem').filter({ hasText: 'Chris (demo)' }).first();
		expect(await chris.textContent()).toContain('Vraagt om hulp.');
		await chris.getByRole('link', { name: 'Hulpvragen bekijken' }).click();
		await page.waitForURL('**/hulpvragen');
		await expectAccessible(page);
		const card = page.locator('section', { has: page.getByRole('heading', { name: 'Chris (demo)' }) });
		expect(await card.textContent()).toContain('vanaf het scherm ‘De cursus’');
		await card.getByRole('button', { name: 'Afsluiten' }).click();
		// A note is needed (the browser asks first); then it closes.
		expect(new URL(page.url()).search).toBe('');
		await card.getByLabel(/Wat heb je gedaan/).fill('Gebeld en samen de module geopend');
		await card.getByRole('button', { name: 'Afsluiten' }).click();
		await page.waitForURL('**?gesloten');
		expect(await page.locator('main').textContent()).not.toContain('Chris (demo)');
		await context.close();
	});
});
