/**
 * The digital-readiness intake: the trainer starts it from "Who needs attention", fills it in with
 * the participant one question per screen, and gets a suggested path in plain words. Demo participant 4.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, expectAccessible, launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

async function answer(page: Page, label: string, button = 'Verder') {
	await page.getByLabel(label, { exact: true }).check();
	await page.getByRole('button', { name: button, exact: true }).click();
	await page.waitForLoadState('networkidle');
}

describe('digital-readiness intake', () => {
	it('is done with the participant from the attention list and suggests a path', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.trainer);
		await page.goto('/trainer');
		const dewi = page
			.locator('section', { has: page.getByRole('heading', { name: 'Wie heeft aandacht nodig' }) })
			.getByRole('listitem')
			.filter({ hasText: 'Dewi (demo)' })
			.first();
		expect(await dewi.textContent()).toContain('Intake digitale vaardigheden nog niet gedaan.');
		await dewi.getByRole('link', { name: 'Intake doen' }).click();
		await page
			.getByRole('heading', { level: 1, name: 'Intake digitale vaardigheden: Dewi (demo)' })
			.waitFor();
		await expectAccessible(page);
		// Nothing chosen: the server asks again on the same screen (the browser check is skipped here).
		await page.evaluate(() =>
			document.querySelectorAll('input[required]').forEach((input) => input.removeAttribute('required'))
		);
		await page.getByRole('button', { name: 'Verder', exact: true }).click();
		expect(await page.getByRole('alert').textContent()).toContain('Kies een antwoord.');
		await expectAccessible(page);
		await answer(page, 'Smartphone');
		await answer(page, 'Ja');
		await page.getByRole('button', { name: 'Terug', exact: true }).click();
		await page.waitForLoadState('networkidle');
		expect(await page.getByLabel('Ja', { exact: true }).isChecked()).toBe(true);
		await page.getByRole('button', { name: 'Verder', exact: true }).click();
		await page.waitForLoadState('networkidle');
		await answer(page, 'Nee');
		await expectAccessible(page);
		await answer(page, '2 van 5');
		await answer(page, 'Nee', 'Opslaan');
		expect(await page.locator('.result').textContent()).toBe('De app, met startlessen en extra begeleiding.');
		await expectAccessible(page);

		// Done: the attention list no longer names the intake for Dewi.
		await page.goto('/trainer');
		const dewiAfter = page
			.locator('section', { has: page.getByRole('heading', { name: 'Wie heeft aandacht nodig' }) })
			.getByRole('listitem')
			.filter({ hasText: 'Dewi (demo)' })
			.first();
		expect(await dewiAfter.textContent()).not.toContain('Intake digitale vaardigheden nog niet gedaan.');
		await context.close();
	});
});
