/** A person sees where they are signed in and signs out another device from here. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, expectAccessible, launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

describe('own sessions', () => {
	it('a participant ends the session on another device from the account page', async () => {
		const other = await (await newContext(browser, { javaScript: false })).newPage();
		await signIn(other, demo.participant);

		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.participant);
		await page.getByRole('link', { name: 'Hulp' }).click();
		await page.getByRole('link', { name: 'Je account en privacy' }).click();
		await page.waitForURL((url) => url.pathname === '/account');
		expect(await page.getByText('(dit apparaat)').count()).toBe(1);
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Log uit op alle andere apparaten' }).click();
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toMatch(/Je bent uitgelogd op \d+ andere apparaten\./);
		await expectAccessible(page);

		await other.goto('/');
		expect(new URL(other.url()).pathname).toBe('/inloggen');
		await context.close();
	});
});
