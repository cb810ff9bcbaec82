/**
 * Recovery goals and the weekly check-in in the browser: a participant makes a goal and checks in
 * (JavaScript on, and off with a break in the middle), the overview stays flat and explicit, and the
 * trainer sees the check-in in "this week". Demo participants 1 (Anna) and 5 (Emre) are used here.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInWeekAt } from '../../src/lib/domain/week';
import {
	demo,
	expectAccessible,
	expectFlatExplicit,
	expectTallTargets,
	launchBrowser,
	newContext,
	signIn
} from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

const anna = demo.participant;
const emre = 'deelnemer5@demo.herstelpad.example';
// The demo group meets on Thursdays at 10:00 from 3 September 2026.
const demoSchedule = { weekday: 4, startTime: '10:00', startDate: '2026-09-03', endDate: null };

async function next(page: Page, name = 'Verder') {
	await page.getByRole('button', { name, exact: true }).click();
	await page.waitForLoadState('networkidle');
}

async function expectScreen(page: Page) {
	await expectFlatExplicit(page);
	await expectAccessible(page);
}

describe('goals and the weekly check-in', () => {
	it('a participant makes a goal, one question per screen, and checks in from the overview (JavaScript on)', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, anna);
		await expectScreen(page);
		await page.getByRole('link', { name: 'Nieuw doel maken' }).click();
		await page.getByRole('heading', { level: 1, name: 'Waar gaat je doel over?' }).waitFor();
		await expectScreen(page);
		await next(page);
		// Nothing chosen: the browser's own check stops it; the screen stays.
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Waar gaat je doel over?');
		await page.getByLabel(/Werk of dagbesteding/).check();
		await next(page);
		await page.getByRole('heading', { level: 1, name: /Wat wil je bereiken/ }).waitFor();
		await expectScreen(page);
		expect(await page.locator('#doel-hint').textContent()).toContain('twee ochtenden per week');
		await page.getByLabel(/Wat wil je bereiken/).fill('Twee ochtenden per week vrijwilligerswerk doen');
		await next(page);
		await page.getByLabel(/Waarom is dit belangrijk/).fill('Dan heb ik weer ritme');
		await next(page);
		await expectScreen(page);
		await page.getByLabel(/eerste kleine stap/).fill('Het vrijwilligerspunt bellen');
		await next(page);
		await expectScreen(page);
		await page.getByRole('radio').first().check();
		await next(page, 'Doel opslaan');
		await page.waitForURL('**/doel?nieuw');
		await expectScreen(page);
		expect(await page.locator('.goal').textContent()).toBe('Twee ochtenden per week vrijwilligerswerk doen');

		await page.getByRole('link', { name: 'Home', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await expectScreen(page);
		expect(await page.locator('main').textContent()).toContain('Mijn stap: Het vrijwilligerspunt bellen');
		await page.getByRole('link', { name: 'Check-in van deze week' }).click();
		await page.getByRole('heading', { level: 1, name: 'Heb je deze week aan je stap gewerkt?' }).waitFor();
		await expectScreen(page);
		expect(await page.locator('.position').textContent()).toContain('Vraag 1 van 4');
		await page.getByLabel('Een beetje').check();
		await next(page);
		await expectScreen(page);
		await page.getByLabel('Dichtbij', { exact: true }).check();
		await next(page);
		await expectScreen(page);
		await page.getByLabel(/Wil je iets bespreken/).fill('Hoe ik omga met spanning op het werk');
		await next(page);
		await expectScreen(page);
		await page.getByLabel('Ja, ik houd mijn stap').check();
		await next(page);
		await page.getByRole('heading', { level: 1, name: 'Klaar' }).waitFor();
		await expectScreen(page);
		// Back in history and sending again changes nothing: the check-in is in.
		await page.goBack();
		await page.goto('/');
		expect(await page.locator('main').textContent()).toContain('Check-in van deze week gedaan');
		await context.close();
	});

	it('works without JavaScript, and a check-in left halfway waits after signing out', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, emre);
		await page.goto('/doel/nieuw');
		await page.getByLabel(/Gezondheid/).check();
		await next(page);
		// Only spaces: the server names the problem on the same screen.
		await page.getByLabel(/Wat wil je bereiken/).fill('   ');
		await next(page);
		expect(await page.getByRole('alert').textContent()).toContain('Schrijf je doel op.');
		await page.getByLabel(/Wat wil je bereiken/).fill('Elke dag een half uur buiten lopen');
		await next(page);
		await next(page); // why: may stay empty
		await next(page); // no step: saved at once
		await page.waitForURL('**/doel?nieuw');
		expect(await page.locator('.goal').textContent()).toBe('Elke dag een half uur buiten lopen');

		await page.goto('/check-in');
		await page.getByLabel('Ja', { exact: true }).check();
		await next(page);
		await page.getByLabel('Een beetje dichterbij').check();
		await next(page);
		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await signIn(page, emre);
		await page.goto('/check-in');
		expect(await page.locator('.position').textContent()).toContain('Vraag 3 van 4');
		await next(page);
		// Without a step, the participant names one.
		await page.getByRole('heading', { level: 1, name: 'Wat is je stap voor volgende week?' }).waitFor();
		await expectFlatExplicit(page); // axe needs JavaScript in the page: the screens are checked above
		await page.getByLabel(/stap voor volgende week/).fill('Wandelschoenen klaarzetten');
		await next(page);
		await page.getByRole('heading', { level: 1, name: 'Klaar' }).waitFor();
		await page.goto('/doel');
		expect(await page.locator('main').textContent()).toContain('Wandelschoenen klaarzetten');
		await context.close();
	}, 120_000);

	it('the trainer runs the goal round from "this week": who checked in, how close, what to bring up', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.trainer);
		await page.goto('/trainer');
		await page.getByRole('link', { name: 'Deze week' }).first().click();
		await page.waitForURL('**/deze-week');
		const week = checkInWeekAt(demoSchedule, new Date())!;
		await page.goto(`${new URL(page.url()).pathname}?week=${week.startDate}`);
		await expectAccessible(page);
		const annaRow = page.getByRole('row', { name: /^Anna \(demo\)/ });
		expect(await annaRow.textContent()).toContain('Hoe ik omga met spanning op het werk');
		expect(await annaRow.textContent()).toContain('4/5 · Dichtbij');
		expect(await page.getByRole('row', { name: /^Bram \(demo\)/ }).textContent()).toContain(
			'Nog geen check-in'
		);
		await page.getByRole('link', { name: 'Grote letters (voor de beamer)' }).click();
		await page.waitForURL('**?groot');
		await expectAccessible(page);

		await page.goto(`${new URL(page.url()).pathname}?week=${week.startDate}`);
		await page.getByRole('link', { name: 'Anna (demo)', exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'Doelen van Anna (demo)' }).waitFor();
		await expectAccessible(page);
		await expectTallTargets(page);
		expect(await page.locator('main').textContent()).toContain(
			'Twee ochtenden per week vrijwilligerswerk doen'
		);
		// The life area, why and who added it, each after a spaced dot.
		expect(await page.locator('main').textContent()).toContain(
			'Werk of dagbesteding · Waarom: Dan heb ik weer ritme'
		);
		expect(await page.locator('main').textContent()).not.toMatch(/\S·/);
		await page.getByLabel('Wat is een eerste kleine stap?').first().fill('Samen de vacaturebank bekijken');
		await page.getByRole('button', { name: 'Stap opslaan' }).click();
		await page.waitForURL('**?opgeslagen');
		expect(await page.locator('main').textContent()).toContain('Samen de vacaturebank bekijken');
		await context.close();

		// Anna sees that her trainer added the step, and that the trainer looked at her goals.
		const own = await newContext(browser, { javaScript: true });
		const annaPage = await own.newPage();
		await signIn(annaPage, anna);
		await annaPage.goto('/logboek');
		expect(await annaPage.locator('main').textContent()).toContain('bekeek je doelen en check-ins');
		await own.close();
	});
});
