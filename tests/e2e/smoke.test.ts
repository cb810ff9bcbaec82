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

const roles = [
	{
		role: 'participant',
		email: demo.participant,
		path: '/',
		nl: 'Welkom, Anna (demo)',
		en: 'Welcome, Anna (demo)'
	},
	{ role: 'trainer', email: demo.trainer, path: '/trainer', nl: 'Jouw groepen', en: 'Your groups' },
	{ role: 'coordinator', email: demo.coordinator, path: '/beheer', nl: 'Beheer', en: 'Administration' }
] as const;

for (const javaScript of [true, false]) {
	describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
		for (const { role, email, path, nl, en } of roles) {
			it(`a ${role} signs in, sees their own area, switches language both ways and signs out`, async () => {
				const context = await newContext(browser, { javaScript });
				const page = await context.newPage();

				await page.goto(path);
				expect(new URL(page.url()).pathname).toBe('/inloggen');
				await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
				if (javaScript) await expectAccessible(page);

				await signIn(page, email);
				expect(new URL(page.url()).pathname).toBe(path);
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(nl);
				expect(await page.getByRole('note').textContent()).toContain('Demo');
				if (javaScript) await expectAccessible(page);

				await page.getByRole('button', { name: 'English' }).click();
				await page.waitForURL((url) => url.pathname === path);
				await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en);
				expect(await page.locator('html').getAttribute('lang')).toBe('en');
				if (javaScript) await expectAccessible(page);

				// The choice is remembered for the person, so switch back for the other tests.
				await page.getByRole('button', { name: 'Nederlands' }).click();
				await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(nl);
				expect(await page.locator('html').getAttribute('lang')).toBe('nl');

				await page.getByRole('button', { name: 'Uitloggen' }).click();
				await page.waitForURL((url) => url.pathname === '/inloggen');
				expect(await page.getByRole('status').textContent()).toBe('Je bent uitgelogd.');
				await page.goto(path);
				expect(new URL(page.url()).pathname).toBe('/inloggen');
				await context.close();
			});
		}
	});
}
