/**
 * The coordinator's dead ends (issue 25, part 6), in an organisation of its own so that the demo
 * organisation's groups stay as other tests expect them: adding a trainer to an existing group and
 * taking one off (never the last), and the trainer then seeing the group.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { buildGroup, buildOrganisation, buildPerson, buildSignedIn } from '../helpers/builders';
import { expectAccessible, launchBrowser, signedInContext } from './browser';

let browser: Browser;
let database: Database;
const marker = randomBytes(4).toString('hex');
let coordinator: Actor;
let tamar: Actor;
let ruben: Actor;
let group: { id: string; name: string };

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	const db = database.db;
	const org = await buildOrganisation(db, `Coördinatie ${marker}`);
	coordinator = await buildPerson(db, {
		organisationId: org.id,
		role: 'coordinator',
		name: `Cora ${marker}`
	});
	tamar = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: `Tamar ${marker}` });
	ruben = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: `Ruben ${marker}` });
	const participant = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	group = await buildGroup(db, {
		organisationId: org.id,
		name: `Woensdaggroep ${marker}`,
		trainers: [tamar],
		participants: [participant]
	});
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

/** `who`, signed in, in a browser with JavaScript on or off. */
async function as(who: Actor, javaScript: boolean): Promise<{ context: BrowserContext; page: Page }> {
	return signedInContext(browser, await buildSignedIn(database.db, who), { javaScript });
}

describe('trainers of an existing group', () => {
	it('adds a trainer, who then sees the group; takes one off after asking; never the last one', async () => {
		const { context, page } = await as(coordinator, false);
		await page.goto(`/beheer/groepen/${group.id}`);
		const trainers = page.getByRole('region', { name: 'Trainers van deze groep' });
		await trainers.getByLabel('Trainer toevoegen').selectOption({ label: ruben.displayName });
		await trainers.getByRole('button', { name: 'Toevoegen' }).click();
		await page.waitForURL(`**/beheer/groepen/${group.id}?trainer=toegevoegd#trainers`);
		expect(await trainers.getByRole('status').textContent()).toContain('De trainer is toegevoegd.');
		expect(await trainers.getByRole('listitem').allInnerTexts()).toEqual([
			expect.stringContaining(ruben.displayName),
			expect.stringContaining(tamar.displayName)
		]);

		// Taking Tamar off asks first; "Ja" takes her off.
		await trainers.getByRole('button', { name: `${tamar.displayName} van de groep halen` }).click();
		await page.waitForURL((url) => url.searchParams.get('verwijder') === tamar.personId);
		const question = trainers.getByRole('alert');
		expect(await question.textContent()).toContain(
			`Wil je ${tamar.displayName} van de groep ${group.name} halen?`
		);
		await question.getByRole('button', { name: 'Ja, van de groep halen' }).click();
		await page.waitForURL(`**/beheer/groepen/${group.id}?trainer=verwijderd#trainers`);
		expect(await trainers.getByRole('listitem').allInnerTexts()).toEqual([
			expect.stringContaining(ruben.displayName)
		]);

		// Ruben is the last trainer: the page says why he cannot be taken off.
		await trainers.getByRole('button', { name: `${ruben.displayName} van de groep halen` }).click();
		await page.waitForURL((url) => url.searchParams.get('verwijder') === ruben.personId);
		expect(await trainers.getByRole('alert').textContent()).toContain(
			'Dit is de enige trainer van de groep.'
		);
		expect(await trainers.getByRole('button', { name: 'Ja, van de groep halen' }).count()).toBe(0);
		await context.close();

		// The screens with JavaScript on: the list, the add form and the last-trainer message.
		const scripted = await as(coordinator, true);
		await scripted.page.goto(`/beheer/groepen/${group.id}?verwijder=${ruben.personId}`);
		await expectAccessible(scripted.page);
		await scripted.page.goto(`/beheer/groepen/${group.id}?verwijder=${tamar.personId}`);
		await expectAccessible(scripted.page);
		await scripted.context.close();

		const trainer = await as(ruben, false);
		await trainer.page.goto('/trainer');
		expect(await trainer.page.locator('main').textContent()).toContain(group.name);
		await trainer.context.close();
	});
});
