/**
 * The digital-readiness intake: the trainer starts it from "Who needs attention", fills it in with
 * the participant one question per screen, and gets a suggested path in plain words. Demo participant 4.
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
		// The scale says in words what its ends mean, read with the question.
		const scale = page.getByRole('group', { name: /Hoe zeker voel je je met apps/ });
		expect(await scale.getAttribute('aria-describedby')).toBe('scale-ends');
		expect(await page.locator('#scale-ends').textContent()).toBe('1 = helemaal niet zeker, 5 = heel zeker');
		await answer(page, '2 van 5');
		await answer(page, 'Nee', 'Opslaan');
		expect(new URL(page.url()).search).toBe('?opgeslagen');
		expect(await page.getByRole('status').textContent()).toBe('De intake is opgeslagen.');
		expect(await page.locator('.result').textContent()).toBe('De app, met startlessen en extra begeleiding.');
		await expectAccessible(page);

		// Done: the attention list no longer names the intake for Dewi.
		await page.goto('/trainer');
		// Dewi is listed only for other reasons now (or not at all).
		const intakeForDewi = page
			.locator('section', { has: page.getByRole('heading', { name: 'Wie heeft aandacht nodig' }) })
			.getByRole('listitem')
			.filter({ hasText: 'Dewi (demo)' })
			.filter({ hasText: 'Intake digitale vaardigheden nog niet gedaan.' });
		expect(await intakeForDewi.count()).toBe(0);
		await context.close();
	});

	it('offers the starter lessons to a participant whose intake suggests guidance, one screen at a time', async () => {
		const staff = await newContext(browser, { javaScript: false });
		const trainer = await staff.newPage();
		await signIn(trainer, demo.trainer);
		await trainer.goto('/trainer');
		await trainer
			.locator('section', { has: trainer.getByRole('heading', { name: 'Wie heeft aandacht nodig' }) })
			.getByRole('listitem')
			.filter({ hasText: 'Hanna (demo)' })
			.first()
			.getByRole('link', { name: 'Intake doen' })
			.click();
		await answer(trainer, 'Tablet');
		await answer(trainer, 'Ja');
		await answer(trainer, 'Nee');
		await answer(trainer, '3 van 5');
		await answer(trainer, 'Ja', 'Opslaan');
		expect(await trainer.locator('.result').textContent()).toBe(
			'De app, met startlessen en extra begeleiding.'
		);
		await staff.close();

		const own = await newContext(browser, { javaScript: true });
		const page = await own.newPage();
		await signIn(page, 'deelnemer8@demo.herstelpad.example');
		await expectFlatExplicit(page);
		await page.getByRole('link', { name: 'Leer de app kennen: 4 korte lessen' }).click();
		await page.waitForURL('**/startlessen');
		await expectFlatExplicit(page);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Een video afspelen' }).click();
		await page.getByRole('heading', { level: 1, name: 'Een video afspelen' }).waitFor();
		expect(await page.locator('.position').textContent()).toBe('Scherm 1 van 2');
		await expectFlatExplicit(page);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Verder' }).click();
		await page.waitForURL('**scherm=2');
		await page.getByRole('button', { name: 'Klaar' }).click();
		await page.waitForURL('**/startlessen');
		const video = page.getByRole('listitem').filter({ hasText: 'Een video afspelen' });
		expect(await video.textContent()).toContain('gedaan');
		await own.close();
	});
});
