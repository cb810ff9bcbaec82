/**
 * Login cards: a trainer makes cards for the group, a participant signs in with the code from the
 * card (through the QR link or typed), and a used code no longer works.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, expectAccessible, expectFlatExplicit, launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

/** The trainer makes cards for the whole demo group; returns the printed code per name. */
async function makeCards(page: Page, javaScript: boolean): Promise<Map<string, string>> {
	await signIn(page, demo.trainer);
	await page.getByRole('link', { name: 'Inlogkaarten' }).click();
	await page.waitForURL((url) => url.pathname === '/trainer/kaarten');
	if (javaScript) await expectAccessible(page);
	await page.getByRole('button', { name: 'Maak inlogkaarten' }).click();
	// Cards made earlier that still work stop: the page asks first.
	const confirm = page.getByRole('button', { name: 'Ja, maak nieuwe kaarten' });
	await page.locator('.login-card').first().or(confirm).waitFor();
	if (await confirm.isVisible()) {
		if (javaScript) await expectAccessible(page);
		await confirm.click();
	}
	await page.locator('.login-card').first().waitFor();
	if (javaScript) await expectAccessible(page);
	const codes = new Map<string, string>();
	for (const card of await page.locator('.login-card').all()) {
		const name = /Voor: (.+) \(/.exec((await card.textContent()) ?? '')?.[1] ?? '';
		codes.set(name, (await card.locator('.code').textContent()) ?? '');
	}
	return codes;
}

for (const javaScript of [true, false]) {
	describe(`login cards, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
		it('a participant signs in with the code from a printed card, once', async () => {
			const trainerContext = await newContext(browser, { javaScript });
			const codes = await makeCards(await trainerContext.newPage(), javaScript);
			await trainerContext.close();
			expect(codes.size).toBeGreaterThanOrEqual(8);
			const code = codes.get('Bram (demo)') ?? '';
			expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

			const context = await newContext(browser, { javaScript });
			const page = await context.newPage();
			await page.goto('/inloggen', { waitUntil: 'networkidle' });
			await page.getByRole('link', { name: 'Heb je een inlogkaart? Log in met je kaart.' }).click();
			await page.waitForURL((url) => url.pathname === '/kaart');
			if (javaScript) await expectAccessible(page);
			// Typed the way people do: lower case, spaces instead of dashes.
			await page.getByLabel('Code van je kaart').fill(code.toLowerCase().replace(/-/g, ' '));
			await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
			// Then one question: how to get back in next time.
			await page.waitForURL((url) => url.pathname === '/terugkomen');
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
				'Hoe wil je de volgende keer inloggen?'
			);
			if (javaScript) await expectAccessible(page);
			await expectFlatExplicit(page);
			await page.getByRole('link', { name: 'Ik vraag mijn trainer om een nieuwe kaart' }).click();
			await page.waitForURL((url) => url.pathname === '/terugkomen/klaar');
			if (javaScript) await expectAccessible(page);
			await page.getByRole('link', { name: 'Naar mijn startpagina' }).click();
			await page.waitForURL((url) => url.pathname === '/');
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Bram (demo)');
			await page.getByRole('button', { name: 'Uitloggen' }).click();
			await page.waitForURL((url) => url.pathname === '/inloggen');

			// The QR link brings the code along; a used card is refused in plain words.
			await page.goto(`/kaart?code=${code.replace(/-/g, '')}`, { waitUntil: 'networkidle' });
			await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
			await expect
				.poll(() => page.locator('#code-error').textContent())
				.toBe('Deze code werkt niet (meer). Kijk nog eens goed, of vraag je trainer om een nieuwe kaart.');
			if (javaScript) await expectAccessible(page);
			await context.close();
		});
	});
}

/** Signs in with a fresh card for `name` and lands on the "how next time?" question. */
async function signInWithCard(page: Page, name: string, javaScript: boolean): Promise<void> {
	const trainerContext = await newContext(browser, { javaScript });
	const codes = await makeCards(await trainerContext.newPage(), javaScript);
	await trainerContext.close();
	await page.goto(`/kaart?code=${(codes.get(name) ?? '').replace(/-/g, '')}`, { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await page.waitForURL((url) => url.pathname === '/terugkomen');
}

describe('getting back in after a card', () => {
	it('sets up a passkey (virtual authenticator), signs out and back in with it', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('WebAuthn.enable');
		await cdp.send('WebAuthn.addVirtualAuthenticator', {
			options: {
				protocol: 'ctap2',
				transport: 'internal',
				hasResidentKey: true,
				hasUserVerification: true,
				isUserVerified: true,
				automaticPresenceSimulation: true
			}
		});
		await signInWithCard(page, 'Chris (demo)', true);
		await page.getByRole('link', { name: /Met mijn telefoon/ }).click();
		await page.waitForURL((url) => url.pathname === '/terugkomen/sleutel');
		await expectAccessible(page);
		await expectFlatExplicit(page);
		await page.getByRole('button', { name: 'Maak een sleutel' }).click();
		await page.waitForURL((url) => url.pathname === '/terugkomen/klaar');
		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await page.waitForURL((url) => url.pathname === '/inloggen');
		await page.getByRole('button', { name: /Inloggen met je sleutel/ }).click();
		await page.waitForURL((url) => url.pathname === '/');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Chris (demo)');

		// Her passkeys, from her account page: removing one needs a confirmation.
		await page.goto('/account/sleutels', { waitUntil: 'networkidle' });
		await expectAccessible(page);
		await expectFlatExplicit(page);
		await expect.poll(() => page.locator('li.card').count()).toBe(1);
		await page.getByRole('button', { name: 'Verwijderen' }).click();
		await expect.poll(() => page.getByText('Vink eerst aan dat je het zeker weet.').count()).toBe(1);
		await page.getByLabel('Ja, verwijder deze sleutel').check();
		await page.getByRole('button', { name: 'Verwijderen' }).click();
		await expect.poll(() => page.getByText('De sleutel is verwijderd.').count()).toBe(1);
		await expect.poll(() => page.locator('li.card').count()).toBe(0);
		await context.close();
	});

	it('chooses a password: a common one is refused in plain words, a good one works (JavaScript off)', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signInWithCard(page, 'Dewi (demo)', false);
		await page.getByRole('link', { name: 'Met een wachtwoord' }).click();
		await page.waitForURL((url) => url.pathname === '/terugkomen/wachtwoord');
		await page.getByLabel('Nieuw wachtwoord').fill('wachtwoord');
		await page.getByRole('button', { name: 'Wachtwoord bewaren' }).click();
		await expect
			.poll(() => page.locator('#wachtwoord-error').textContent())
			.toContain('Dit wachtwoord gebruiken veel mensen');
		await page.getByLabel('Nieuw wachtwoord').fill('de kat slaapt op de bank');
		await page.getByRole('button', { name: 'Wachtwoord bewaren' }).click();
		await page.waitForURL((url) => url.pathname === '/terugkomen/klaar');
		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await page.waitForURL((url) => url.pathname === '/inloggen');
		await signIn(page, 'deelnemer4@demo.herstelpad.example', 'de kat slaapt op de bank');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Dewi (demo)');
		await context.close();
	});
});
