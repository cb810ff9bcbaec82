/**
 * Offline use (issue 21, items 1–2), in an organisation of its own. For each kind of draft: the
 * service worker keeps a form sent without a connection on the device, sealed, and says so; it still
 * says so after a reload without a connection; when the connection is back it is sent once and the
 * trainer can read it. An opened module step still opens without a connection. Signing out clears
 * what the device kept.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import {
	checkIn,
	curriculumStep,
	exerciseAnswer,
	groupMember,
	homePractice,
	homePracticeAnswer,
	liveAnswer,
	message,
	tourSeen
} from '../../src/lib/server/db/schema';
import {
	buildCurriculum,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson,
	buildSession,
	buildSignedIn
} from '../helpers/builders';
import { expectAccessible, launchBrowser, signedInContext, untilHydrated } from './browser';

let browser: Browser;
let database: Database;

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

async function buildParticipant(name: string) {
	const db = database.db;
	const org = await buildOrganisation(db);
	const trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	const participant = await buildPerson(db, { organisationId: org.id, role: 'participant', name });
	const group = await buildGroup(db, {
		organisationId: org.id,
		trainers: [trainer],
		participants: [participant]
	});
	await db.insert(tourSeen).values({ personId: participant.personId });
	return { org, participant, trainer, group };
}

/** A signed-in phone whose pages the service worker controls. */
async function phone(actor: Actor): Promise<{ context: BrowserContext; page: Page }> {
	const token = await buildSignedIn(database.db, actor);
	const opened = await signedInContext(browser, token, {
		javaScript: true,
		viewport: { width: 390, height: 844 }
	});
	await opened.page.goto('/');
	await opened.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	return opened;
}

/**
 * Sends the form without a connection (`send` clicks its button), checks what the person is told,
 * reloads without a connection, and brings the connection back: `what` is then sent.
 */
async function sendOffline(context: BrowserContext, page: Page, what: string, send: () => Promise<void>) {
	await untilHydrated(page);
	await context.setOffline(true);
	await send();
	await page.waitForURL(/\/offline\?bewaard$/);
	await page.getByText(`${what}: bewaard op deze telefoon, wordt verstuurd`).waitFor();
	await expectAccessible(page);
	await page.reload();
	await page.getByText(`${what}: bewaard op deze telefoon, wordt verstuurd`).waitFor();
	await context.setOffline(false);
	await page.getByText(`${what}: verstuurd`).waitFor();
}

describe('offline drafts', () => {
	it('a message typed without a connection is kept, survives a reload, arrives once, and the trainer reads it', async () => {
		const { participant, trainer, group } = await buildParticipant('Olga Offline');
		const { context, page } = await phone(participant);
		await page.goto('/berichten');
		const text = 'Geschreven in de trein zonder bereik.';
		await page.getByLabel('Jouw bericht').fill(text);
		await sendOffline(context, page, 'Je bericht', () =>
			page.getByRole('button', { name: 'Versturen' }).click()
		);
		const rows = await database.db.select().from(message).where(eq(message.body, text));
		expect(rows).toHaveLength(1);
		await context.close();

		const staff = await signedInContext(browser, await buildSignedIn(database.db, trainer), {
			javaScript: true
		});
		await staff.page.goto(`/trainer/groepen/${group.id}/berichten/${participant.personId}`);
		await staff.page.getByText(text).waitFor();
		await staff.context.close();
	});

	it('an exercise answer: the opened step opens without a connection, and the answer is kept and sent once', async () => {
		const { org, participant, group } = await buildParticipant('Eva Oefening');
		const { modules } = await buildCurriculum(database.db, { organisationId: org.id, groups: [group.id] });
		const [moduleOne] = modules;
		const stepKey = '01-wat-geeft-hoop';
		await database.db
			.update(curriculumStep)
			.set({
				key: stepKey,
				kind: 'exercise',
				question: { nl: 'Wat geeft jou hoop?', en: 'What gives you hope?' }
			})
			.where(
				and(eq(curriculumStep.moduleId, moduleOne!.id), eq(curriculumStep.key, moduleOne!.stepKeys[0]!))
			);
		const { context, page } = await phone(participant);
		const stepUrl = `/modules/1/${stepKey}`;
		await page.goto(stepUrl);
		await page.getByLabel('Wat geeft jou hoop?').waitFor();

		// Without a connection the step opens from the device.
		await context.setOffline(true);
		await page.goto('/');
		await page.getByRole('heading', { level: 1, name: 'Geen internet' }).waitFor();
		await page.goto(stepUrl);
		await page.getByLabel('Wat geeft jou hoop?').fill('Mijn zus, en de zee.');
		await sendOffline(context, page, 'Je antwoord bij een oefening', () =>
			page.getByRole('button', { name: 'Opslaan' }).click()
		);
		const rows = await database.db
			.select({ answer: exerciseAnswer.answer })
			.from(exerciseAnswer)
			.where(eq(exerciseAnswer.personId, participant.personId));
		expect(rows).toEqual([{ answer: 'Mijn zus, en de zee.' }]);
		await context.close();
	});

	it('a check-in answer and a home-practice answer are kept and sent once', async () => {
		const { participant, trainer, group } = await buildParticipant('Cor Check-in');
		await buildGoal(database.db, { participant, step: 'Het zwembad bellen' });
		const session = await buildSession(database.db, {
			groupId: group.id,
			date: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)
		});
		const [practice] = await database.db
			.insert(homePractice)
			.values({
				groupId: group.id,
				sessionId: session.id,
				text: { nl: 'Schrijf op wat je deze week hielp.', en: 'Write down what helped you this week.' },
				createdByPersonId: trainer.personId
			})
			.returning({ id: homePractice.id });
		// Members since a month: the practice of two days ago is theirs.
		await database.db
			.update(groupMember)
			.set({ joinedAt: new Date(Date.now() - 30 * 86_400_000) })
			.where(eq(groupMember.personId, participant.personId));
		const { context, page } = await phone(participant);

		await page.goto('/check-in');
		await page.getByLabel('Een beetje').check();
		await page.getByRole('button', { name: 'Verder' }).click();
		await page.getByLabel('Dichtbij', { exact: true }).check();
		await page.getByRole('button', { name: 'Verder' }).click();
		await page.getByLabel(/Wil je iets bespreken/).fill('Hoe ik omga met slecht slapen');
		await sendOffline(context, page, 'Je check-in', () =>
			page.getByRole('button', { name: 'Verder' }).click()
		);
		// The kept answer counted: the check-in goes on with the next question.
		await page.goto('/check-in');
		await page.getByLabel('Ja, ik houd mijn stap').check();
		await page.getByRole('button', { name: 'Verder' }).click();
		await page.getByRole('heading', { level: 1, name: 'Klaar' }).waitFor();
		const sent = await database.db
			.select({ bringUp: checkIn.bringUp })
			.from(checkIn)
			.where(eq(checkIn.personId, participant.personId));
		expect(sent).toEqual([{ bringUp: 'Hoe ik omga met slecht slapen' }]);

		await page.goto('/thuisopdracht');
		await page.getByLabel(/Jouw antwoord/).fill('Wandelen met de hond.');
		await sendOffline(context, page, 'Je thuisopdracht', () =>
			page.getByRole('button', { name: 'Antwoord versturen' }).click()
		);
		const answers = await database.db
			.select({ answer: homePracticeAnswer.answer })
			.from(homePracticeAnswer)
			.where(eq(homePracticeAnswer.practiceId, practice!.id));
		expect(answers).toEqual([{ answer: 'Wandelen met de hond.' }]);
		await context.close();
	});

	it('an answer in live mode is kept and sent once, and the trainer sees it', async () => {
		const { participant, trainer, group } = await buildParticipant('Lotte Live');
		const session = await buildSession(database.db, {
			groupId: group.id,
			date: new Date().toISOString().slice(0, 10),
			moduleNumber: 1
		});
		const staff = await signedInContext(browser, await buildSignedIn(database.db, trainer), {
			javaScript: true,
			viewport: { width: 1280, height: 900 }
		});
		const trainerPage = staff.page;
		await trainerPage.goto(`/trainer/groepen/${group.id}/sessies/${session.id}/live`);
		await untilHydrated(trainerPage);
		await trainerPage.getByLabel('Vraag', { exact: true }).fill('Wat neem je mee naar huis?');
		await trainerPage
			.locator('form', { has: trainerPage.getByLabel('Vraag', { exact: true }) })
			.getByRole('button', { name: 'Toevoegen' })
			.click();
		// On failure the poll shows what the page said instead (an error summary, a busy page).
		await expect
			.poll(async () =>
				(await trainerPage.locator('ol.prompts li').count()) === 1
					? 'added'
					: (await trainerPage.locator('main').innerText()).slice(0, 400)
			)
			.toBe('added');
		await trainerPage.getByRole('button', { name: 'Start live modus' }).click();
		await trainerPage.getByRole('button', { name: 'Volgende vraag' }).click();

		const { context, page } = await phone(participant);
		await page.goto('/live');
		await page.getByText('Wat neem je mee naar huis?').waitFor();
		await page.getByLabel('Jouw antwoord').fill('Rust nemen na het werk.');
		await sendOffline(context, page, 'Je antwoord in de groep', () =>
			page.getByRole('button', { name: 'Antwoord sturen' }).click()
		);
		const answers = await database.db
			.select({ text: liveAnswer.text })
			.from(liveAnswer)
			.where(eq(liveAnswer.personId, participant.personId));
		expect(answers).toEqual([{ text: 'Rust nemen na het werk.' }]);
		await trainerPage.getByText('Rust nemen na het werk.').first().waitFor();
		await context.close();
		await staff.context.close();
	});

	it('signing out clears what the device kept: drafts and opened pages', async () => {
		const { participant } = await buildParticipant('Sanne Uitlog');
		const { context, page } = await phone(participant);
		await page.goto('/modules');
		await page.goto('/berichten');
		await page.getByLabel('Jouw bericht').fill('Dit blijft op de telefoon.');
		await untilHydrated(page);
		await context.setOffline(true);
		await page.getByRole('button', { name: 'Versturen' }).click();
		await page.waitForURL(/\/offline\?bewaard$/);
		const kept = (on: Page) =>
			on.evaluate(async () => {
				const names = (await indexedDB.databases()).map((one) => one.name);
				let drafts = 0;
				if (names.includes('herstelpad')) {
					const db = await new Promise<IDBDatabase>((resolve, reject) => {
						const request = indexedDB.open('herstelpad');
						request.onsuccess = () => resolve(request.result);
						request.onerror = () => reject(request.error);
					});
					drafts = await new Promise<number>((resolve) => {
						const names = [...db.objectStoreNames];
						if (!names.includes('apparaat')) return resolve(0);
						const request = db.transaction('apparaat').objectStore('apparaat').getAllKeys();
						request.onsuccess = () =>
							resolve(request.result.filter((key) => String(key).startsWith('concept:')).length);
					});
					db.close();
				}
				return { drafts, pages: (await caches.keys()).filter((name) => name.startsWith('pages-')).length };
			});
		expect(await kept(page)).toEqual({ drafts: 1, pages: 1 });
		// Signing out from a page that does not send drafts (the offline page would, once online).
		const other = await context.newPage();
		await page.close();
		await context.setOffline(false);
		await other.goto('/account');
		await other.getByRole('button', { name: 'Uitloggen' }).first().click();
		await other.waitForURL(/\/inloggen\?uitgelogd$/);
		await expect.poll(() => kept(other)).toEqual({ drafts: 0, pages: 0 });
		await context.close();
	});
});
