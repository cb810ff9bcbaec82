/**
 * Wrong roles, bad input, keyboard use and the security baseline, as a browser and a plain HTTP
 * client meet them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInOverHttp } from '../helpers/sign-in';
import { demo, expectAccessible, launchBrowser, newContext, signIn, untilHydrated } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

describe('each area refuses the wrong role', () => {
	it.each([
		[demo.trainer, '/beheer'],
		[demo.participant, '/trainer'],
		[demo.coordinator, '/trainer'],
		[demo.trainer, '/hulp']
	])('%s gets a translated 403 page on %s', async (email, path) => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, email);
		const response = await page.goto(path);
		expect(response?.status()).toBe(403);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Geen toegang');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'English' }).click();
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('No access');
		await page.getByRole('button', { name: 'Nederlands' }).click();
		await context.close();
	});

	it('staff who open the front door go to their own area', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, demo.peerTrainer);
		await page.goto('/');
		expect(new URL(page.url()).pathname).toBe('/trainer');
		expect(await page.getByText('Esra Ervaringsdeskundige (ervaringsdeskundige)').count()).toBeGreaterThan(0);
		await context.close();
	});

	it('refuses a form post into another area without touching anything', async () => {
		const base = inject('baseUrl');
		const response = await fetch(`${base}/trainer`, {
			method: 'POST',
			headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'x=1'
		});
		expect(response.status).toBe(401);
	});

	it('shows a translated, accessible 404 page', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		const response = await page.goto('/bestaat-niet');
		expect(response?.status()).toBe(404);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Deze pagina bestaat niet');
		await expectAccessible(page);
		await context.close();
	});
});

for (const javaScript of [true, false]) {
	describe(`sign-in with bad input, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
		it('names each problem in plain words, keeps the email, and never the password', async () => {
			const context = await newContext(browser, { javaScript });
			const page = await context.newPage();
			await page.goto('/inloggen');
			await untilHydrated(page);
			await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
			await expect.poll(() => page.getByRole('alert').textContent()).toContain('Vul je e-mailadres in.');
			expect(await page.getByRole('alert').textContent()).toContain('Vul je wachtwoord in.');
			// The page with the errors is a new page: typing before it has hydrated could be reset.
			await untilHydrated(page);

			await page.getByLabel('E-mailadres').fill('anna');
			await page.getByLabel('Wachtwoord', { exact: true }).fill('iets');
			await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
			await expect.poll(() => page.getByRole('alert').textContent()).toContain('Dit is geen e-mailadres.');
			expect(await page.getByLabel('E-mailadres').inputValue()).toBe('anna');
			await untilHydrated(page);

			await page.getByLabel('E-mailadres').fill(demo.participant);
			await page.getByLabel('Wachtwoord', { exact: true }).fill('fout-wachtwoord');
			await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
			await expect
				.poll(() => page.getByRole('alert').textContent())
				.toContain('Het e-mailadres of het wachtwoord klopt niet.');
			expect(await page.getByLabel('E-mailadres').inputValue()).toBe(demo.participant);
			expect(await page.getByLabel('Wachtwoord', { exact: true }).inputValue()).toBe('');
			if (javaScript) await expectAccessible(page);
			await context.close();
		});
	});
}

describe('what is typed before the page has hydrated', () => {
	/** Holds the page's scripts back from now until `release` is called (no service worker serves them). */
	async function holdScripts(page: Page) {
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**', async (route) => {
			await held;
			await route.continue();
		});
		return release;
	}
	const hydrated = (page: Page) =>
		page.evaluate(() => document.documentElement.dataset.hydrated !== undefined);

	it('stays in a field of a page with form errors: the sign-in address', async () => {
		const context = await newContext(browser, { javaScript: true, serviceWorkers: 'block' });
		const page = await context.newPage();
		await page.goto('/inloggen');
		await untilHydrated(page);
		// A new page comes back with the errors; its scripts wait.
		const release = await holdScripts(page);
		await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
		await page.getByText('Vul je e-mailadres in.').first().waitFor();
		await page.getByLabel('E-mailadres').fill('anna@voorbeeld.nl');
		await page.getByLabel('Wachtwoord', { exact: true }).fill('iets');
		expect(await hydrated(page)).toBe(false);
		release();
		await untilHydrated(page);
		expect(await page.getByLabel('E-mailadres').inputValue()).toBe('anna@voorbeeld.nl');
		expect(await page.getByLabel('Wachtwoord', { exact: true }).inputValue()).toBe('iets');
		await context.close();
	});

	it('stays in a text area: a message', async () => {
		const context = await newContext(browser, { javaScript: true, serviceWorkers: 'block' });
		const page = await context.newPage();
		await signIn(page, demo.participant);
		const release = await holdScripts(page);
		await page.goto('/berichten', { waitUntil: 'commit' });
		await page.getByLabel('Jouw bericht').fill('Getypt voordat de pagina klaar was.');
		expect(await hydrated(page)).toBe(false);
		release();
		await untilHydrated(page);
		expect(await page.getByLabel('Jouw bericht').inputValue()).toBe('Getypt voordat de pagina klaar was.');
		await context.close();
	});
});

describe('sign-in rate limit', () => {
	it('answers 429 with a translated message saying when to try again, for that account only', async () => {
		const base = inject('baseUrl');
		const attempt = (email: string) =>
			fetch(`${base}/inloggen`, {
				method: 'POST',
				headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email, password: 'fout-wachtwoord' })
			});
		for (let i = 0; i < 10; i++) expect((await attempt('raad-maar@example.org')).status).toBe(400);
		const refused = await attempt('raad-maar@example.org');
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
		expect(await refused.text()).toContain(
			'Je hebt te vaak geprobeerd in te loggen. Probeer het over 15 minuten opnieuw.'
		);
		expect((await attempt('iemand-anders@example.org')).status).toBe(400);
	});
});

describe('keyboard', () => {
	it('a participant signs in, reaches Help and signs out with the keyboard alone', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await page.goto('/inloggen');
		// What is typed before hydration may be reset, and the form sent empty.
		await untilHydrated(page);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ga naar de inhoud');
		await page.getByLabel('E-mailadres').focus();
		await page.keyboard.type(demo.participant);
		await page.keyboard.press('Tab');
		await page.keyboard.type('herstelpad-demo');
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => url.pathname === '/');

		// Toolbar order on home: skip link, then Help (Home is where you are: marked, not a link).
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hulp');
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => url.pathname === '/hulp');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hulp');
		expect(await page.getByText('0800-0113').count()).toBeGreaterThan(0);
		expect(await page.getByRole('link', { name: 'Bel Tom Trainer: 010 123 45 67' }).count()).toBe(1);
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Uitloggen' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => url.pathname === '/inloggen');
		await context.close();
	});
});

describe('security baseline', () => {
	it('sends CSP, nosniff, referrer policy and no-store, and a HttpOnly SameSite=Lax session cookie', async () => {
		const base = inject('baseUrl');
		const { first: signInResponse, cookie } = await signInOverHttp(base, demo.trainer);
		expect(signInResponse.status).toBe(303);
		const sessionCookie = signInResponse.headers
			.getSetCookie()
			.find((line) => line.startsWith('herstelpad='));
		expect(sessionCookie).toMatch(/HttpOnly/i);
		expect(sessionCookie).toMatch(/SameSite=Lax/i);

		const page = await fetch(`${base}/trainer`, { headers: { cookie, accept: 'text/html' } });
		expect(page.status).toBe(200);
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("base-uri 'none'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
		expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
		expect(page.headers.get('referrer-policy')).toBe('same-origin');
		expect(page.headers.get('cache-control')).toBe('no-store');
		expect(page.headers.get('strict-transport-security')).toBeNull();
	});

	it('refuses a form post from another origin', async () => {
		const base = inject('baseUrl');
		const response = await fetch(`${base}/inloggen`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: demo.trainer, password: 'herstelpad-demo' })
		});
		expect(response.status).toBe(403);
	});
});
