/**
 * The coordinator's dead ends (issue 25, part 6), in an organisation of its own (with the starter
 * curriculum) so that the demo organisation's groups and curriculum stay as other tests expect them:
 * adding a trainer to an existing group and taking one off (never the last), and the trainer then
 * seeing the group; an uploaded video placed in a step, previewed, seen by the participant with
 * captions on, and removed only when no published step shows it; published versions read and compared.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import {
	moveGroupToNewest,
	publishDraft,
	startDraft,
	updateDraftStep
} from '../../src/lib/server/curriculum/editing/commands';
import { importStarterCurriculum } from '../../src/lib/server/curriculum/import';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { media } from '../../src/lib/server/db/schema';
import { buildGroup, buildOrganisation, buildPerson, buildSignedIn } from '../helpers/builders';
import { expectAccessible, launchBrowser, signedInContext } from './browser';

let browser: Browser;
let database: Database;
const marker = randomBytes(4).toString('hex');
let coordinator: Actor;
let tamar: Actor;
let ruben: Actor;
let vera: Actor;
let pim: Actor;
let videoGroupId: string;
let group: { id: string; name: string };
let organisationId: string;
const sample = path.resolve('content/media/sample-peer-story');

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	const db = database.db;
	const org = await buildOrganisation(db, `Coördinatie ${marker}`);
	organisationId = org.id;
	// The starter curriculum's own sample video has its files elsewhere: this test uploads its own.
	await importStarterCurriculum(db, fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-dead-ends-')), org.id);
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
beforeAll(async () => {
	// The video's group: its trainer moves it to the new version, its participant watches.
	vera = await buildPerson(database.db, { organisationId, role: 'trainer', name: `Vera ${marker}` });
	pim = await buildPerson(database.db, { organisationId, role: 'participant', name: `Pim ${marker}` });
	videoGroupId = (await buildGroup(database.db, { organisationId, trainers: [vera], participants: [pim] }))
		.id;
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

describe('an uploaded video in a step', () => {
	it('is chosen for a step of the new version, previewed, played to the participant with captions on, and removed only when unused', async () => {
		// The participant's group follows the version of the day it starts: no video in this step yet.
		const learner = await as(pim, true);
		await learner.page.goto('/modules/1/01-wat-is-herstel');
		await learner.page.getByRole('heading', { level: 1, name: 'Wat is herstel?' }).waitFor();
		expect(await learner.page.locator('figure.video').count()).toBe(0);

		const { context, page } = await as(coordinator, false);
		// Upload a video (the form without JavaScript).
		await page.goto('/beheer/media');
		await page.getByLabel('Titel (Nederlands)').fill(`Het verhaal van Noor ${marker}`);
		await page.getByLabel('Uitgeschreven tekst (Nederlands)').fill('Noor vertelt over haar werk.');
		await page
			.getByLabel('Ondertitels Nederlands (.vtt)')
			.setInputFiles(path.join(sample, 'captions.nl.vtt'));
		await page.getByLabel(/Videobestand/).setInputFiles(path.join(sample, 'video.webm'));
		await page.getByRole('button', { name: 'Video uploaden' }).click();
		await page.waitForURL('**/beheer/media?toegevoegd');

		// A new version; the video goes into step 1 of module 1.
		await page.goto('/beheer/inhoud');
		await page.getByRole('button', { name: 'Nieuwe versie maken' }).click();
		await page.getByRole('link', { name: 'Wat is herstel? bewerken' }).click();
		const section = page.getByRole('region', { name: 'Video bij deze stap' });
		expect(await section.textContent()).toContain('Deze stap heeft geen video.');
		await section.getByLabel('Kies een video').selectOption({ label: `Het verhaal van Noor ${marker}` });
		await section.getByRole('button', { name: 'Gebruik in deze stap' }).click();
		await page.waitForURL('**?video=opgeslagen#video');
		expect(await section.getByRole('status').textContent()).toContain(
			'De video van deze stap is opgeslagen.'
		);
		expect(await section.locator('figcaption').textContent()).toBe(`Het verhaal van Noor ${marker}`);
		expect(await section.locator('track[srclang="nl"]').getAttribute('default')).not.toBeNull();
		const editUrl = page.url();

		await page.goto('/beheer/inhoud');
		await page.getByLabel(/Ik heb de teksten nagekeken/).check();
		await page.getByRole('button', { name: /Versie \d+ publiceren/ }).click();
		await page
			.getByText(/is gepubliceerd/)
			.first()
			.waitFor();

		// Removing it is refused while the published step shows it, and the page says where.
		await page.goto('/beheer/media');
		await page.getByRole('link', { name: `Het verhaal van Noor ${marker}` }).click();
		await page.getByRole('button', { name: 'Video verwijderen' }).click();
		expect(await page.getByRole('alert').textContent()).toContain(
			'Je kunt deze video niet verwijderen. Deelnemers zien hem in een gepubliceerde versie: module 1, stap ‘Wat is herstel?’.'
		);
		const videoPage = page.url().replace(/\?.*$/, '');
		await context.close();

		// The group moves on; the participant sees the video with Dutch captions on.
		await moveGroupToNewest(database.db, vera, videoGroupId);
		await learner.page.reload();
		const player = learner.page.locator('figure.video video');
		await player.waitFor();
		expect(await learner.page.locator('figure.video figcaption').textContent()).toBe(
			`Het verhaal van Noor ${marker}`
		);
		await expect
			.poll(() => player.evaluate((video: HTMLVideoElement) => video.textTracks[0]?.mode))
			.toBe('showing');
		await expectAccessible(learner.page);
		await learner.context.close();

		// An unused video is removed after asking; the screens pass axe with JavaScript on.
		const [unused] = await database.db
			.insert(media)
			.values({
				organisationId,
				title: { nl: `Oude video ${marker}`, en: `Old video ${marker}` },
				videoFile: `${'a'.repeat(32)}.webm`,
				videoType: 'video/webm',
				videoBytes: 1,
				captionFiles: {},
				transcript: {}
			})
			.returning({ id: media.id });
		const scripted = await as(coordinator, true);
		await scripted.page.goto(editUrl);
		await expectAccessible(scripted.page);
		await scripted.page.goto(`${videoPage}?verwijderen`);
		await expectAccessible(scripted.page);
		await scripted.page.goto(`/beheer/media/${unused!.id}`);
		await scripted.page.getByRole('button', { name: 'Video verwijderen' }).click();
		const question = scripted.page.getByRole('alert');
		expect(await question.textContent()).toContain(`Wil je de video ‘Oude video ${marker}’ verwijderen?`);
		await expectAccessible(scripted.page);
		await question.getByRole('button', { name: 'Ja, verwijder de video' }).click();
		await scripted.page.waitForURL('**/beheer/media?verwijderd');
		expect(await scripted.page.getByRole('status').first().textContent()).toContain(
			'De video is verwijderd.'
		);
		expect(await scripted.page.locator('main').textContent()).not.toContain(`Oude video ${marker}`);
		await expectAccessible(scripted.page);
		await scripted.context.close();
	});
});

describe('published versions', () => {
	it('are read a module at a time and compared, each changed text before and after', async () => {
		// A new version with one changed text in module 3 (made here, whatever the tests above left).
		const newest = await startDraft(database.db, coordinator);
		await updateDraftStep(database.db, coordinator, 3, '01-kwetsbaarheid-en-stress', {
			title: { nl: 'Kwetsbaarheid en stress', en: 'Vulnerability and stress' },
			body: { nl: `De emmer loopt over ${marker}.`, en: 'The bucket overflows.' },
			question: null
		});
		await publishDraft(database.db, coordinator);

		const { context, page } = await as(coordinator, false);
		await page.goto('/beheer/inhoud');
		await page.getByRole('link', { name: 'Versies vergelijken' }).click();
		await page.waitForURL('**/beheer/inhoud/vergelijk');
		expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(
			`Van versie ${newest - 1} naar versie ${newest}`
		);
		const change = page.getByRole('region', {
			name: 'Module 3: stap ‘Kwetsbaarheid en stress’ is veranderd'
		});
		const text = await change.textContent();
		expect(text).toContain('Tekst (Nederlands)');
		expect(text).toContain(`Eerst (versie ${newest - 1})`);
		expect(text).toContain('Sommige mensen zijn kwetsbaarder');
		expect(text).toContain(`Nu (versie ${newest})`);
		expect(text).toContain(`De emmer loopt over ${marker}.`);

		// Any two versions, with the form (a GET: JavaScript off is fine).
		await page.getByLabel('Van versie').selectOption('1');
		await page.getByRole('button', { name: 'Vergelijken' }).click();
		await page.waitForURL((url) => url.searchParams.get('van') === '1');
		expect(await page.getByRole('status').textContent()).toMatch(/\d+ veranderingen\. Pagina 1 van \d+\./);

		// The newest version, read-only, module 3.
		await page.goto('/beheer/inhoud');
		await page.getByRole('link', { name: `Versie ${newest} bekijken` }).click();
		await page.getByRole('link', { name: /^Module 3/ }).click();
		await page.waitForURL((url) => url.searchParams.get('module') === '3');
		expect(await page.locator('main').textContent()).toContain(`De emmer loopt over ${marker}.`);
		await context.close();

		const scripted = await as(coordinator, true);
		await scripted.page.goto('/beheer/inhoud');
		await expectAccessible(scripted.page);
		await scripted.page.goto('/beheer/inhoud/vergelijk?van=1');
		await expectAccessible(scripted.page);
		await scripted.page.goto(`/beheer/inhoud/versie/${newest}?module=1`);
		await expectAccessible(scripted.page);
		await scripted.context.close();
	});
});
