/**
 * The research export in the browser (issue 20, item 8), in an organisation of its own: the
 * coordinator creates a study at /beheer/onderzoek; a researcher finds it at /onderzoek and downloads
 * the zip, which holds only the consenting participants under pseudonyms and none of their names.
 * Axe on both pages.
 */
import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { consent } from '../../src/lib/server/db/schema';
import { buildCheckIn, buildGroup, buildOrganisation, buildPerson, buildSignedIn } from '../helpers/builders';
import { expectAccessible, launchBrowser, signedInContext } from './browser';

let browser: Browser;
let database: Database;
let coordinator: Actor;
let researcher: Actor;
let participants: Actor[];
const STUDY = `Studie herstel ${Date.now()}`;

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	const db = database.db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, {
		organisationId: org.id,
		role: 'coordinator',
		name: 'Cora Onderzoek'
	});
	researcher = await buildPerson(db, { organisationId: org.id, role: 'researcher', name: 'Rik Onderzoek' });
	participants = [];
	for (const name of [
		'Aafke Snipperling',
		'Berend Tolhuis',
		'Cato Wierdsma',
		'Dirk Zeldenrust',
		'Eefje Ploos',
		'Fokke Nooitgedacht'
	])
		participants.push(await buildPerson(db, { organisationId: org.id, role: 'participant', name }));
	const group = await buildGroup(db, { organisationId: org.id, participants });
	for (const one of participants)
		await buildCheckIn(db, {
			participant: one,
			groupId: group.id,
			weekStart: '2026-09-08',
			bringUp: `Eigen woorden van ${one.displayName}`
		});
	// Five say yes to research; the sixth does not.
	await db
		.insert(consent)
		.values(
			participants
				.slice(0, 5)
				.map((one) => ({ personId: one.personId, purpose: 'research' as const, given: true }))
		);
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

async function open(actor: Actor) {
	const token = await buildSignedIn(database.db, actor);
	return signedInContext(browser, token, { javaScript: true, viewport: { width: 1024, height: 800 } });
}

describe('the research export', () => {
	it('lets the coordinator create a study', async () => {
		const { context, page } = await open(coordinator);
		await page.goto('/beheer/onderzoek');
		await expectAccessible(page);
		await page.getByLabel('Naam van het onderzoek').fill(STUDY);
		await page.getByRole('button', { name: 'Onderzoek aanmaken' }).click();
		await page.getByText('Het onderzoek is aangemaakt.').waitFor();
		await page.getByRole('cell', { name: STUDY }).waitFor();
		await expectAccessible(page);
		await context.close();
	});

	it('lets the researcher download the zip, with consenting participants only and no names', async () => {
		const { context, page } = await open(researcher);
		await page.goto('/onderzoek');
		await expectAccessible(page);
		const link = page.getByRole('link', { name: `Downloaden: gegevens van ${STUDY} (zip)` });
		const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
		const zip = unzipSync(new Uint8Array(await fs.readFile((await download.path())!)));
		expect(Object.keys(zip)).toContain('codebook.csv');
		const participantsCsv = strFromU8(zip['participants.csv']!);
		expect(participantsCsv.trim().split('\r\n')).toHaveLength(1 + 5);
		for (const bytes of Object.values(zip)) {
			const text = strFromU8(bytes);
			for (const one of participants) {
				expect(text).not.toContain(one.displayName);
				expect(text).not.toContain(one.personId);
			}
			expect(text).not.toContain('Eigen woorden');
		}
		await context.close();
	});
});
