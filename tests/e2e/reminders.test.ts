/**
 * The weekly reminder from the participant's side: switch it on (JavaScript off), the email arrives
 * at the test's SMTP server exactly once, its stop link works without signing in, and the trainer
 * sees it was delivered. Demo participant 2 (Bram) is used here.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitForMail } from '../helpers/mail';
import { demo, expectAccessible, expectFlatExplicit, launchBrowser, newContext, signIn } from './browser';
import fs from 'node:fs/promises';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

const bram = 'deelnemer2@demo.herstelpad.example';

describe('weekly reminders', () => {
	it('a participant switches the reminder on, gets one email without health content, and stops it from the email', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, bram);
		await page.goto('/doel');
		await page.getByRole('link', { name: 'Herinnering voor de check-in' }).click();
		await page.waitForURL('**/herinneringen');
		await expectFlatExplicit(page);
		await expectAccessible(page);
		await page.getByLabel('Ja, herinner mij').check();
		await page.getByLabel('e-mail', { exact: true }).check();
		// The group meets on Thursdays at 10:00: that moment has passed in every week that is running.
		await page.getByLabel('Op welke dag?').selectOption({ label: 'donderdag' });
		await page.getByLabel('Hoe laat?').fill('10:00');
		await page.getByRole('button', { name: 'Opslaan' }).click();
		await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
		await expectAccessible(page);

		const mail = await waitForMail(inject('mailDir'), bram, /wekelijkse check-in/, 30_000);
		expect(mail).toContain('Subject: Je wekelijkse check-in staat klaar');
		expect(mail).not.toMatch(/doel|stap|herstel(?!pad)/i);
		// The link in the text part (the header's copy is not quoted-printable).
		const stop = /Klik hier:\s*https?:\/\/[^/\s]+(\/herinneringen\/uit\?t=[^\s"<>]+)/.exec(mail)?.[1];
		expect(stop).toBeDefined();

		// The stop link, in a browser that is not signed in.
		const other = await newContext(browser, { javaScript: false });
		const anonymous = await other.newPage();
		await anonymous.goto(stop!);
		await expectFlatExplicit(anonymous);
		await anonymous.getByRole('button', { name: 'Stop de herinneringen' }).click();
		expect(await anonymous.getByRole('status').textContent()).toContain('Je krijgt geen herinneringen meer');
		await other.close();

		await page.reload();
		expect(await page.getByLabel('Nee, geen herinnering').isChecked()).toBe(true);
		// Exactly one reminder for this week.
		const files = await fs.readdir(inject('mailDir'));
		const contents = await Promise.all(
			files.map((file) => fs.readFile(`${inject('mailDir')}/${file}`, 'utf8'))
		);
		expect(
			contents.filter((text) => text.includes(bram) && text.includes('check-in staat klaar'))
		).toHaveLength(1);
		await context.close();

		// The trainer sees when the last reminder went out.
		const trainerContext = await newContext(browser, { javaScript: true });
		const trainer = await trainerContext.newPage();
		await signIn(trainer, demo.trainer);
		await trainer.goto('/trainer');
		await trainer.getByRole('link', { name: 'Deze week' }).first().click();
		await trainer.waitForURL('**/deze-week');
		const row = (await trainer.getByRole('row', { name: /^Bram \(demo\)/ }).textContent()) ?? '';
		expect(row).toContain('Uit');
		expect(row).toContain('laatst verstuurd');
		await trainer.getByRole('link', { name: 'Bram (demo)', exact: true }).click();
		await trainer.getByRole('heading', { level: 1, name: 'Doelen van Bram (demo)' }).waitFor();
		expect(await trainer.locator('main').textContent()).toContain('Herinneringen: uit.');
		await trainerContext.close();
	}, 120_000);
});
