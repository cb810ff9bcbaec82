/**
 * A trainer's week in few clicks (issue 25), in an organisation of its own with a twelve-person group
 * (tests/helpers/trainer-week.ts): the group at a glance on the start page fits a 1280×800 screen,
 * with JavaScript on and off, every state in words.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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

/** Counts the clicks a task takes (a link or button clicked, or a choice made from a list). */
function clicker() {
	let count = 0;
	return {
		click: async (target: Locator) => {
			count += 1;
			await target.click();
		},
		choose: async (list: Locator, label: string) => {
			count += 1;
			await list.selectOption({ label });
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
			expect(await row('Bea').innerText()).toContain('Gedaan · dichtbij doel 4/5');
			expect(await row('Cor').innerText()).toContain('1 nieuw');
			expect(await row('Dewi').innerText()).not.toContain('nieuw');
			expect(await row('Eva').innerText()).toContain('Open');
			expect(await row('Fenna').innerText()).toContain('Wacht op reactie: 1');
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

	it('gives feedback on a waiting answer in 2 clicks from the start page, on the page of its session', async () => {
		const { context, page } = await asTrainer(true);
		const task = clicker();
		await page.goto('/trainer');
		await task.click(
			page.getByRole('row', { name: /^Fenna\b/ }).getByRole('link', { name: /Wacht op reactie/ })
		);
		await page.waitForURL((url) => url.pathname.includes('/sessies/'));
		const answer = page.locator('li', { hasText: 'Wandelen met de hond.' });
		expect(await answer.innerText()).toContain('Wacht op je reactie');
		await expectAccessible(page);
		await answer.getByLabel('Korte reactie aan Fenna').fill('Mooi, dat helpt vast.');
		await task.click(answer.getByRole('button', { name: 'Reactie geven' }));
		await page.getByRole('status').filter({ hasText: 'De reactie is opgeslagen.' }).waitFor();
		const after = page.locator('li', { hasText: 'Wandelen met de hond.' });
		expect(await after.innerText()).toContain('Jouw reactie: Mooi, dat helpt vast.');
		expect(await after.innerText()).not.toContain('Wacht op je reactie');
		expect(task.count).toBeLessThanOrEqual(2);
		await context.close();
	});

	it('records that everyone came in 2 clicks from the start page, then one exception (JavaScript off)', async () => {
		const { context, page } = await asTrainer(false);
		const task = clicker();
		await page.goto('/trainer');
		await task.click(page.getByRole('link', { name: 'Deze week' }));
		await page.getByRole('heading', { name: /^Aanwezigheid bij de bijeenkomst van/ }).waitFor();
		await task.click(page.getByRole('button', { name: 'Iedereen aanwezig' }));
		await page.getByText('12 van de 12 deelnemers genoteerd.').waitFor();
		expect(task.count).toBeLessThanOrEqual(3);
		// The exception: Bea was excused.
		await page.getByRole('link', { name: 'Aanwezigheid per deelnemer aanpassen' }).click();
		await page.getByRole('group', { name: 'Bea' }).getByLabel('Afgemeld').check();
		await page.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
		await page.getByRole('status').filter({ hasText: 'De aanwezigheid is opgeslagen.' }).waitFor();
		expect(await page.getByRole('group', { name: 'Bea' }).getByLabel('Afgemeld').isChecked()).toBe(true);
		expect(await page.getByRole('group', { name: 'Cor' }).getByLabel('Aanwezig').isChecked()).toBe(true);
		await context.close();
	});

	it('plans the next session (module and topic) in 4 clicks from the start page', async () => {
		const { context, page } = await asTrainer(true);
		const task = clicker();
		await page.goto('/trainer');
		await task.click(page.getByRole('link', { name: 'Bijeenkomst voorbereiden' }));
		await task.click(page.getByRole('link', { name: 'Bijeenkomst bewerken' }));
		await task.choose(page.getByLabel('Module', { exact: true }), '2. Module 2');
		await page.getByLabel('Onderwerp').fill('Herstel en hoop');
		await task.click(page.getByRole('button', { name: 'Planning opslaan' }));
		await page
			.getByRole('status')
			.filter({ hasText: /opgeslagen/ })
			.waitFor();
		expect(task.count).toBeLessThanOrEqual(4);
		expect(await page.getByLabel('Onderwerp').inputValue()).toBe('Herstel en hoop');
		await context.close();
	});
});
