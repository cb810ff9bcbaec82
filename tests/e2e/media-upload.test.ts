/**
 * A coordinator adds a peer-expert video: a clear message for a file that is not a video (what was
 * typed stays), then the real upload with a progress bar; and the same form without JavaScript.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, expectAccessible, launchBrowser, newContext, signIn } from './browser';

const sample = path.resolve('content/media/sample-peer-story');
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

describe('video upload', () => {
	it('refuses a file that is not a video, then uploads one with captions and a progress bar', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.coordinator);
		await page.getByRole('link', { name: "Video's" }).click();
		await page.waitForURL('**/beheer/media');
		await expectAccessible(page);
		expect(await page.locator('.media-table').textContent()).toContain('Het verhaal van Sam (voorbeeld)');

		await page.getByLabel('Titel (Nederlands)').fill('Het verhaal van Noor');
		await page.getByLabel('Uitgeschreven tekst (Nederlands)').fill('Noor vertelt over haar werk.');
		await page
			.getByLabel('Ondertitels Nederlands (.vtt)')
			.setInputFiles(path.join(sample, 'captions.nl.vtt'));
		await page.getByLabel(/Videobestand/).setInputFiles({
			name: 'noor.mp4',
			mimeType: 'video/mp4',
			buffer: Buffer.from('<html>dit is geen video</html>'.repeat(5))
		});
		await page.getByRole('button', { name: 'Video uploaden' }).click();
		await page.locator('.error-summary').waitFor();
		expect(await page.locator('.error-summary').textContent()).toContain('Dit is geen MP4- of WebM-video.');
		expect(await page.getByLabel('Titel (Nederlands)').inputValue()).toBe('Het verhaal van Noor');
		await expectAccessible(page);

		await page.getByLabel(/Videobestand/).setInputFiles(path.join(sample, 'video.webm'));
		await page.getByRole('button', { name: 'Video uploaden' }).click();
		await page.waitForURL('**/beheer/media?toegevoegd');
		expect(await page.getByRole('status').first().textContent()).toContain('De video is toegevoegd.');
		expect(await page.locator('.media-table').textContent()).toContain('Het verhaal van Noor');
		await context.close();
	});

	it('works without JavaScript: a broken caption file is named with its line, and the text comes back', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, demo.coordinator);
		await page.goto('/beheer/media');
		await page.getByLabel('Titel (Nederlands)').fill('Het verhaal van Joep');
		await page.getByLabel('Uitgeschreven tekst (Nederlands)').fill('Joep vertelt over zijn buurt.');
		await page.getByLabel('Ondertitels Nederlands (.vtt)').setInputFiles({
			name: 'joep.vtt',
			mimeType: 'text/vtt',
			buffer: Buffer.from('WEBVTT\n\n00:01.000 --> 00:03.000\nHallo\n\n00:00:04,000 --> 00:00:05,000\nDag\n')
		});
		await page.getByLabel(/Videobestand/).setInputFiles(path.join(sample, 'video.webm'));
		await page.getByRole('button', { name: 'Video uploaden' }).click();
		await page.waitForURL((url) => url.searchParams.has('fout'));
		expect(await page.locator('.error-summary').textContent()).toContain(
			'Het ondertitelbestand klopt niet op regel 6'
		);
		expect(await page.getByLabel('Titel (Nederlands)').inputValue()).toBe('Het verhaal van Joep');
		expect(await page.getByLabel('Uitgeschreven tekst (Nederlands)').inputValue()).toBe(
			'Joep vertelt over zijn buurt.'
		);
		await context.close();
	});
});
