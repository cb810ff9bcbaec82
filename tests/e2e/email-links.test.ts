/**
 * Links by email over a real SMTP exchange (smtp-server in the test process): a participant signs in
 * with a magic link, a coordinator invites a trainer who sets a password and enrols TOTP, and that
 * trainer resets the password and still needs the second factor.
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitForMail } from '../helpers/mail';
import { freshCode } from '../helpers/totp';
import { demo, expectAccessible, launchBrowser, newContext, signIn, untilHydrated } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

const linkIn = (mail: string, path: string) => {
	const match = new RegExp(`https?://[^\\s"<>]+${path}/[A-Za-z0-9_-]{43}`).exec(mail);
	if (!match) throw new Error(`no ${path} link in the mail`);
	return new URL(match[0]).pathname;
};

async function askForLink(page: Page, email: string): Promise<void> {
	await page.goto('/inloggen');
	await untilHydrated(page);
	await page.getByRole('link', { name: 'Geen wachtwoord? Stuur mij een inloglink.' }).click();
	await page.waitForURL((url) => url.pathname === '/inloggen/link');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByRole('button', { name: 'Stuur mij een link' }).click();
	await expect.poll(() => page.getByText(`Als ${email} bij ons bekend is`).count()).toBe(1);
}

describe('magic link', () => {
	it('signs a participant in once with the emailed link; the mail has no health content', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		const email = 'deelnemer5@demo.herstelpad.example';
		await askForLink(page, email);
		await expectAccessible(page);
		const mail = await waitForMail(inject('mailDir'), email, /inloggen\/link\//);
		expect(mail).toContain('Subject: Je inloglink voor Herstelpad');
		expect(mail).toMatch(/Content-Type: text\/plain/);
		expect(mail).toMatch(/Content-Type: text\/html/);
		expect(mail).toContain('<html lang="nl">');
		const path = linkIn(mail, '/inloggen/link');
		// Opening the link uses nothing up (mail scanners open links too); the button does.
		await page.goto(path);
		await page.goto(path);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Emre (demo)');
		await page.getByRole('button', { name: 'Uitloggen' }).click();
		// Signed out (the answer also clears the site's storage) before the link is tried again.
		await page.waitForURL(/\/inloggen\?uitgelogd$/);
		await page.goto(path);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Deze link werkt niet meer');
		await context.close();
	});

	it('answers the same for an unknown address and sends nothing', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await askForLink(page, 'niemand@example.org');
		const files = await fs.readdir(inject('mailDir'));
		const contents = await Promise.all(
			files.map((file) => fs.readFile(`${inject('mailDir')}/${file}`, 'utf8'))
		);
		expect(contents.some((mail) => mail.includes('niemand@example.org'))).toBe(false);
		await context.close();
	});
});

describe('staff invitation', () => {
	it('a coordinator invites a trainer, who sets a password, enrols TOTP and gets backup codes; a reset still asks the code', async () => {
		const email = 'nina.nieuw@demo.herstelpad.example';
		const coordinator = await (await newContext(browser, { javaScript: true })).newPage();
		await signIn(coordinator, demo.coordinator);
		await coordinator.getByRole('link', { name: 'Uitnodigen' }).click();
		await coordinator.waitForURL((url) => url.pathname === '/beheer/uitnodigen');
		await expectAccessible(coordinator);
		await coordinator.getByRole('button', { name: 'Uitnodiging versturen' }).click();
		await expect.poll(() => coordinator.getByText('Vul een naam in.').count()).toBeGreaterThan(0);
		// The page with the errors hydrates after its error texts load: type once it has.
		await untilHydrated(coordinator);
		await coordinator.getByLabel('Naam').fill('Nina Nieuw (demo)');
		await coordinator.getByLabel('E-mailadres').fill(email);
		await coordinator.getByLabel('Trainer', { exact: true }).check();
		await coordinator.getByRole('button', { name: 'Uitnodiging versturen' }).click();
		await expect
			.poll(() => coordinator.getByText('De uitnodiging voor Nina Nieuw (demo) is verstuurd.').count())
			.toBe(1);
		await coordinator.context().close();

		const invitation = await waitForMail(inject('mailDir'), email, /uitnodiging\//);
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await page.goto(linkIn(invitation, '/uitnodiging'));
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Nina Nieuw (demo)');
		await page.getByLabel('Nieuw wachtwoord').fill('welkom01');
		await page.getByRole('button', { name: 'Wachtwoord kiezen en verder' }).click();
		await expect.poll(() => page.locator('#wachtwoord-error').count()).toBe(1);
		await page.getByLabel('Nieuw wachtwoord').fill('mijn eerste dag bij de groep');
		await page.getByRole('button', { name: 'Wachtwoord kiezen en verder' }).click();
		await page.waitForURL((url) => url.pathname === '/inloggen/tweede-stap');
		// Enrolment: the key is shown to type into an authenticator app; the test computes the codes.
		const key = ((await page.locator('.key').textContent()) ?? '').trim();
		expect(key).toMatch(/^[A-Z2-7]{32}$/);
		const who = `${inject('baseUrl')}|${email}`;
		await page.getByLabel(/Code die de app nu laat zien/).fill(await freshCode(who, key));
		await page.getByRole('button', { name: 'Verder' }).click();
		await expect.poll(() => page.getByRole('heading', { name: 'Je reservecodes' }).count()).toBe(1);
		expect(await page.locator('.codes li').count()).toBe(10);
		await page.getByRole('link', { name: 'Ik heb ze bewaard, ga verder' }).click();
		await page.waitForURL((url) => url.pathname === '/trainer');
		await page.getByRole('button', { name: 'Uitloggen' }).click();

		// Forgot the password: a reset link, a new password, and then still the second step.
		await askForLink(page, email);
		const reset = await waitForMail(inject('mailDir'), email, /Nieuw wachtwoord voor Herstelpad/);
		await page.goto(linkIn(reset, '/inloggen/link'));
		await page.getByLabel('Nieuw wachtwoord').fill('een nieuw begin in de winter');
		await page.getByRole('button', { name: 'Wachtwoord bewaren' }).click();
		await page.waitForURL((url) => url.pathname === '/inloggen');
		await page.getByLabel('E-mailadres').fill(email);
		await page.getByLabel('Wachtwoord', { exact: true }).fill('een nieuw begin in de winter');
		await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/inloggen/tweede-stap');
		expect(await page.locator('.key').count()).toBe(0);
		await page.getByLabel(/Code uit je app/).fill(await freshCode(who, key));
		await page.getByRole('button', { name: 'Verder' }).click();
		await page.waitForURL((url) => url.pathname === '/trainer');
		await context.close();
	});
});
