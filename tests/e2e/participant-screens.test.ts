/** Every participant screen stays within the flat-explicit limits and passes axe. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { demo, expectAccessible, expectFlatExplicit, launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

describe('participant screens', () => {
	it.each([
		'/',
		'/hulp',
		'/logboek',
		'/account',
		'/doel',
		'/doel/nieuw',
		'/check-in',
		'/herinneringen',
		'/berichten',
		'/prikbord',
		'/prikbord/regels',
		'/prikbord/nieuw',
		'/wat-helpt-mij',
		'/wat-helpt-mij?pagina=2',
		'/wat-helpt-mij/ideeen',
		'/wat-helpt-mij/ideeen?pagina=5',
		'/wat-helpt-mij/nieuw',
		'/steunnetwerk',
		'/steunnetwerk/nieuw',
		'/werkboek'
	])('%s is flat and explicit', async (path) => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.participant);
		await page.goto(path, { waitUntil: 'networkidle' });
		await expectFlatExplicit(page);
		await expectAccessible(page);
		await context.close();
	});

	it.each(['/inloggen', '/kaart'])('%s (before signing in) is flat and explicit', async (path) => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await page.goto(path, { waitUntil: 'networkidle' });
		await expectFlatExplicit(page);
		await context.close();
	});
});
