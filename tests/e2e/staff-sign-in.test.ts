/**
 * Staff sign in with two factors; sessions time out with a warning and a one-click extend, and a
 * form sent after a session ended is kept and comes back after signing in again.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	demo,
	DEMO_PASSWORD,
	expectAccessible,
	launchBrowser,
	newContext,
	proveSecondStep,
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

async function passwordStep(page: Page, email: string): Promise<void> {
	// Typed before the page's scripts start, the values could be reset by hydration and sent empty.
	await untilHydrated(page);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await page.waitForURL(/\/inloggen\/tweede-stap/);
}

describe('second step for staff', () => {
	for (const javaScript of [true, false]) {
		it(`asks a trainer for the authenticator code and explains a wrong one (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
			const context = await newContext(browser, { javaScript });
			const page = await context.newPage();
			page.setDefaultTimeout(10_000);
			await page.goto('/trainer');
			await page.waitForURL(/\/inloggen\?terug=%2Ftrainer/);
			await passwordStep(page, demo.trainer);
			// Without the second step the staff area stays closed.
			expect((await page.goto('/trainer'))?.url()).toContain('/inloggen/tweede-stap');
			if (javaScript) await expectAccessible(page);
			await page.getByLabel(/Code uit je app/).fill('000000');
			await page.getByRole('button', { name: 'Verder' }).click();
			await expect.poll(() => page.getByText('Deze code klopt niet').count()).toBeGreaterThan(0);
			if (javaScript) await expectAccessible(page);
			const base = new URL(page.url()).origin;
			await proveSecondStep(page, `${base}|${demo.trainer}`, '/trainer');
			await context.close();
		});
	}
});

describe('session timeout', () => {
	it('warns before the idle timeout, stays signed in with one click, and says when the session ended', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await page.clock.install();
		// A fresh sign-in (not a session reused from another test), so the idle time starts now.
		await page.goto('/inloggen', { waitUntil: 'networkidle' });
		await passwordStep(page, demo.peerTrainer);
		await proveSecondStep(page, `${inject('baseUrl')}|${demo.peerTrainer}`, '/trainer');
		await page.waitForLoadState('networkidle');
		await page.clock.fastForward('27:30');
		const warning = page.getByRole('alertdialog', { name: 'Wil je ingelogd blijven?' });
		await warning.waitFor({ state: 'visible', timeout: 15_000 });
		const stay = page.getByRole('button', { name: 'Ingelogd blijven' });
		await expect
			.poll(() => stay.evaluate((button) => button === document.activeElement), { timeout: 10_000 })
			.toBe(true);
		await expectAccessible(page);
		await page.keyboard.press('Enter');
		await warning.waitFor({ state: 'hidden', timeout: 15_000 });
		await page.clock.fastForward('45:00');
		await page.getByText('Je bent uitgelogd').waitFor({ state: 'visible', timeout: 15_000 });
		await context.close();
	});

	it('keeps what was typed when the session ended before the form was sent', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		page.setDefaultTimeout(10_000);
		await signIn(page, demo.trainer);
		await page.goto('/trainer');
		await page.getByText('Deelnemer toevoegen').first().click();
		await page.getByLabel('Naam').first().fill('Jet (demo, bewaard)');
		// The session times out while the trainer is typing (31 minutes without a request).
		const db = new pg.Client({ connectionString: inject('appDatabaseUrl') });
		await db.connect();
		await db.query(
			`update session set last_seen_at = now() - interval '31 minutes'
			 where user_id = (select id from "user" where email = $1)`,
			[demo.trainer]
		);
		await db.end();
		await page
			.getByRole('button', { name: /Voeg toe aan/ })
			.first()
			.click();
		await page.waitForURL(/\/inloggen\?terug=%2Ftrainer&bewaard/);
		await expect.poll(() => page.getByText('We hebben bewaard wat je had ingevuld').count()).toBe(1);
		await expectAccessible(page);
		await page.getByLabel('E-mailadres').fill(demo.trainer);
		await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
		await page.waitForURL(/\/inloggen\/tweede-stap/);
		const base = new URL(page.url()).origin;
		await proveSecondStep(page, `${base}|${demo.trainer}`, '/trainer');
		expect(await page.getByLabel('Naam').first().inputValue()).toBe('Jet (demo, bewaard)');
		await expect.poll(() => page.getByText('Dit had je ingevuld').count()).toBe(1);
		await expectAccessible(page);
		await context.close();
	});
});
