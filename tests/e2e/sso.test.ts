/**
 * Single sign-on: a coordinator connects the organisation to its OpenID Provider (a real
 * oidc-provider on loopback), and a staff member signs in there and lands in their own area.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider';
import { demo, expectAccessible, launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
let provider: TestProvider;
beforeAll(async () => {
	browser = await launchBrowser();
	provider = await startTestProvider(`${inject('baseUrl')}/inloggen/sso/terug`);
});
afterAll(async () => {
	await browser.close();
	await provider.close();
});

describe('single sign-on (OpenID Connect)', () => {
	it('is set up by the coordinator and signs a trainer in at the organisation’s provider', async () => {
		const admin = await (await newContext(browser, { javaScript: true })).newPage();
		await signIn(admin, demo.coordinator);
		await admin.getByRole('link', { name: 'Inloggen via organisatie' }).click();
		await admin.waitForURL((url) => url.pathname === '/beheer/sso');
		await expectAccessible(admin);
		await admin.getByLabel('Adres van de identity provider (issuer)').fill('geen adres');
		await admin.getByRole('button', { name: 'Bewaren' }).click();
		await expect.poll(() => admin.locator('#issuer-error').count()).toBe(1);
		await admin.getByLabel('Adres van de identity provider (issuer)').fill(provider.issuer);
		await admin.getByLabel('Client-ID').fill(provider.clientId);
		await admin.getByLabel('Client-secret').fill(provider.clientSecret);
		await admin.getByRole('button', { name: 'Bewaren' }).click();
		await expect.poll(() => admin.getByText('De instellingen zijn bewaard.').count()).toBe(1);
		await admin.context().close();

		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await page.goto('/inloggen');
		await page.getByRole('link', { name: 'Medewerker? Inloggen via je organisatie' }).click();
		await page.waitForURL((url) => url.pathname === '/inloggen/sso');
		// Someone without an account there is told so, in plain words.
		await page.getByLabel('E-mailadres').fill('onbekend@example.org');
		await page.getByRole('button', { name: 'Verder naar je organisatie' }).click();
		await expect.poll(() => page.locator('#email-error').count()).toBe(1);
		await page.getByLabel('E-mailadres').fill(demo.peerTrainer);
		await page.getByRole('button', { name: 'Verder naar je organisatie' }).click();
		// At the provider (its own development sign-in pages).
		// (Its pages load a web font from the internet; do not wait for that.)
		await page.route(/fonts\.googleapis\.com/, (route) => route.abort());
		await page.getByRole('link', { name: 'Verder naar je organisatie' }).click();
		await page.waitForURL((url) => url.origin === provider.issuer, { waitUntil: 'commit' });
		await page.locator('input[name=login]').fill(demo.peerTrainer);
		await page.locator('input[name=password]').fill('anything');
		await page.getByRole('button', { name: 'Sign-in' }).click();
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.waitForURL((url) => url.pathname === '/trainer');
		await context.close();
	});

	it('lets a coordinator in through SSO, but the access log needs two factors the provider did not report', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await page.route(/fonts\.googleapis\.com/, (route) => route.abort());
		await page.goto('/inloggen/sso', { waitUntil: 'networkidle' });
		await page.getByLabel('E-mailadres').fill(demo.coordinator);
		await page.getByRole('button', { name: 'Verder naar je organisatie' }).click();
		// With JavaScript the page goes on to the provider by itself.
		await page.waitForURL((url) => url.origin === provider.issuer, { waitUntil: 'commit' });
		await page.locator('input[name=login]').fill(demo.coordinator);
		await page.locator('input[name=password]').fill('anything');
		await page.getByRole('button', { name: 'Sign-in' }).click();
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.waitForURL((url) => url.pathname === '/beheer');
		const response = await page.goto('/beheer/logboek');
		expect(response?.status()).toBe(403);
		await expect
			.poll(() => page.getByText('alleen openen als je met twee stappen bent ingelogd').count())
			.toBe(1);
		await expectAccessible(page);
		await context.close();
	});
});
