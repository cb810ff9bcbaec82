/**
 * A trainer's week in few clicks (issue 25), in an organisation of its own with a twelve-person group
 * (tests/helpers/trainer-week.ts): the group at a glance on the start page fits a 1280×800 screen,
 * with JavaScript on and off, every state in words.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { buildSignedIn } from '../helpers/builders';
import { buildTrainerWeek, type TrainerWeek } from '../helpers/trainer-week';
import { expectAccessible, launchBrowser } from './browser';

let browser: Browser;
let database: Database;
let week: TrainerWeek;
let trainerToken: string;

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	week = await buildTrainerWeek(database.db);
	trainerToken = await buildSignedIn(database.db, week.trainer);
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

/** The trainer, signed in, on a 1280×800 screen. */
async function asTrainer(javaScript: boolean): Promise<{ context: BrowserContext; page: Page }> {
	const base = inject('baseUrl');
	const context = await browser.newContext({
		baseURL: base,
		javaScriptEnabled: javaScript,
		locale: 'nl-NL',
		viewport: { width: 1280, height: 800 }
	});
	await context.addCookies([{ name: 'herstelpad', value: trainerToken, url: base }]);
	return { context, page: await context.newPage() };
}

/** Counts the clicks a task takes (each click on a link or button of the page). */
function clicker() {
	let count = 0;
	return {
		click: async (target: ReturnType<Page['getByRole']>) => {
			count += 1;
			await target.click();
		},
		get count() {
			return count;
		}
	};
}

describe('the trainer’s week', () => {
	for (const javaScript of [true, false])
		it(`shows the whole group of twelve at a glance on one 1280×800 screen (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
			const { context, page } = await asTrainer(javaScript);
			await page.goto('/trainer');
			const grid = page.getByRole('table', { name: `${week.groupName}: hoe gaat het deze week` });
			await expect.poll(() => grid.locator('tbody tr').count()).toBe(12);
			const box = await grid.boundingBox();
			expect(box, 'the grid is on the page').not.toBeNull();
			expect(box!.y + box!.height, 'the last participant’s row is above the fold').toBeLessThanOrEqual(800);
			expect(box!.width).toBeLessThanOrEqual(1280);
			const row = (name: string) => grid.getByRole('row', { name: new RegExp(`^${name}\\b`) });
			await expect.poll(() => row('Aart').innerText()).toContain('Nooit');
			expect(await row('Bea').innerText()).toContain('Gedaan · dichtbij 4 van 5');
			expect(await row('Cor').innerText()).toContain('1 nieuw');
			expect(await row('Dewi').innerText()).not.toContain('nieuw');
			expect(await row('Eva').innerText()).toContain('Open');
			expect(await row('Fenna').innerText()).toContain('1 wacht op reactie');
			if (javaScript) await expectAccessible(page);
			await context.close();
		});

	it('makes a card for one person from the grid in 3 clicks, asking before their old card stops', async () => {
		const { context, page } = await asTrainer(true);
		const task = clicker();
		await page.goto('/trainer');
		const aart = page.getByRole('row', { name: /^Aart\b/ });
		await task.click(aart.getByRole('link', { name: 'Nooit' }));
		await page.waitForURL((url) => url.pathname === '/trainer/kaarten');
		expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(1);
		expect(await page.getByRole('checkbox', { name: 'Aart' }).isChecked()).toBe(true);
		await expectAccessible(page);
		await task.click(page.getByRole('button', { name: 'Maak inlogkaarten' }));
		await page.getByRole('heading', { name: 'Oude kaarten stoppen' }).waitFor();
		expect(await page.getByRole('main').getByRole('listitem').allInnerTexts()).toEqual(['Aart']);
		await expectAccessible(page);
		await task.click(page.getByRole('button', { name: 'Ja, maak nieuwe kaarten' }));
		await page.locator('.login-card').first().waitFor();
		expect(await page.locator('.login-card').count()).toBe(1);
		expect(await page.locator('.login-card').innerText()).toContain('Aart');
		expect(task.count).toBeLessThanOrEqual(3);
		await context.close();
	});
});
