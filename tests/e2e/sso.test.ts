/**
 * Single sign-on: a coordinator connects the organisation to its OpenID Provider (a real
 * oidc-provider on loopback), and a staff member signs in there and lands in their own area —
 * straight away when the ID token reports multi-factor sign-in (amr), through Herstelpad's own
 * second step when it does not and the organisation requires it (the default).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider';
import {
	demo,
	expectAccessible,
	launchBrowser,
	newContext,
	proveSecondStep,
	signIn,
	untilHydrated
} from './browser';

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

/** Signs in at the test provider's own pages (JavaScript on: the SSO page goes on by itself). */
async function signInAtProvider(page: Page, email: string): Promise<void> {
	await page.route(/fonts\.googleapis\.com/, (route) => route.abort());
	await page.goto('/inloggen/sso', { waitUntil: 'networkidle' });
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByRole('button', { name: 'Verder naar je organisatie' }).click();
	await page.waitForURL((url) => url.origin === provider.issuer, { waitUntil: 'commit' });
	await page.locator('input[name=login]').fill(email);
	await page.locator('input[name=password]').fill('anything');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.waitForURL((url) => url.origin === new URL(inject('baseUrl')).origin);
}

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
		// Asking Herstelpad's own second step is on unless the coordinator switches it off.
		expect(await admin.getByLabel(/Vraag de tweede stap van Herstelpad/).isChecked()).toBe(true);
		await admin.getByRole('button', { name: 'Bewaren' }).click();
		await expect.poll(() => admin.getByText('De instellingen zijn bewaard.').count()).toBe(1);
		await admin.context().close();

		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await page.goto('/inloggen');
		await untilHydrated(page);
		await page.getByRole('link', { name: 'Medewerker? Inloggen via je organisatie' }).click();
		await page.waitForURL((url) => url.pathname === '/inloggen/sso');
		// Someone without an account there is told so, in plain words.
		await page.getByLabel('E-mailadres').fill('onbekend@example.org');
		await page.getByRole('button', { name: 'Verder naar je organisatie' }).click();
		await expect.poll(() => page.locator('#email-error').count()).toBe(1);
		await page.getByLabel('E-mailadres').fill(demo.peerTrainer);
		await page.getByRole('button', { name: 'Verder naar je organisatie' }).click();
		// The provider asked for a second factor itself and says so in the ID token: straight in.
		provider.reportAmr(['pwd', 'mfa']);
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

	it('asks Herstelpad’s own second step when the provider reports none, and then opens the access log', async () => {
		provider.reportAmr(['pwd']);
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signInAtProvider(page, demo.coordinator);
		expect(new URL(page.url()).pathname).toBe('/inloggen/tweede-stap');
		await expect
			.poll(() => page.getByText('Daarom vraagt Herstelpad zelf om een tweede stap').count())
			.toBe(1);
		await expectAccessible(page);
		// Nothing else opens before the second step.
		await page.goto('/beheer');
		expect(new URL(page.url()).pathname).not.toBe('/beheer');
		await page.goto('/inloggen/tweede-stap?via=sso');
		const base = inject('baseUrl');
		await proveSecondStep(page, `${base}|${demo.coordinator}`, '/beheer');
		// A second factor proven to Herstelpad counts for the access log.
		expect((await page.goto('/beheer/logboek'))?.status()).toBe(200);
		await context.close();
	});

	it('lets a coordinator in through SSO without a second step when the organisation switched that off, but the access log needs two factors', async () => {
		const admin = await (await newContext(browser, { javaScript: false })).newPage();
		await signIn(admin, demo.coordinator);
		await admin.goto('/beheer/sso');
		await admin.getByLabel(/Vraag de tweede stap van Herstelpad/).uncheck();
		await admin.getByRole('button', { name: 'Bewaren' }).click();
		await expect.poll(() => admin.getByText('De instellingen zijn bewaard.').count()).toBe(1);
		expect(await admin.getByLabel(/Vraag de tweede stap van Herstelpad/).isChecked()).toBe(false);
		await admin.context().close();

		provider.reportAmr(undefined);
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signInAtProvider(page, demo.coordinator);
		expect(new URL(page.url()).pathname).toBe('/beheer');
		const response = await page.goto('/beheer/logboek');
		expect(response?.status()).toBe(403);
		await expect
			.poll(() => page.getByText('alleen openen als je met twee stappen bent ingelogd').count())
			.toBe(1);
		await expectAccessible(page);
		await context.close();
	});
});
