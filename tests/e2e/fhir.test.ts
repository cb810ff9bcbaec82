/**
 * The FHIR export in the browser and over its API, in an organisation of its own (issue 19, item 7):
 * the coordinator's page shows a running export's progress and refreshes itself without JavaScript,
 * starts an export that the job finishes, and downloads its NDJSON files; the Bulk Data API answers
 * kick-off (202 + Content-Location), status and manifest, and another organisation's coordinator
 * gets 404; a trainer downloads one participant's Bundle from the participant's page. Every export
 * and download is in the access log. Axe on each page.
 */
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Bundle } from 'fhir/r4';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { auditEvent, fhirExport } from '../../src/lib/server/db/schema';
import {
	buildCheckIn,
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
let coordinator: Actor;
let trainer: Actor;
let anna: Actor;
let groupId: string;

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	const db = database.db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator', name: 'Cora Export' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara Export' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna Dossier' });
	groupId = (await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] })).id;
	const goal = await buildGoal(db, { participant: anna, text: 'Weer fietsen', step: 'Band plakken' });
	for (const date of ['2026-09-01', '2026-09-08']) {
		await buildSession(db, { groupId, date, attendance: [{ participant: anna, status: 'present' }] });
		await buildCheckIn(db, { participant: anna, groupId, weekStart: date, goalId: goal.goalId });
	}
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

const exportsOf = (actor: Actor) =>
	database.db
		.select({ event: auditEvent.eventType, action: auditEvent.action, object: auditEvent.objectId })
		.from(auditEvent)
		.where(and(eq(auditEvent.actorPersonId, actor.personId), eq(auditEvent.action, 'E')));

describe('the coordinator’s FHIR export page', () => {
	it('shows a running export’s progress, which refreshes itself with and without JavaScript', async () => {
		const [running] = await database.db
			.insert(fhirExport)
			.values({
				organisationId: coordinator.organisationId!,
				types: ['Patient'],
				status: 'running',
				progress: 40
			})
			.returning();
		const token = await buildSignedIn(database.db, coordinator);
		const plain = await signedInContext(browser, token, { javaScript: false });
		const scripted = await signedInContext(browser, token, { javaScript: true });
		try {
			// Without JavaScript: a meta refresh (in noscript) loads the page again while it runs.
			await plain.page.goto('/beheer/fhir');
			const bar = plain.page.getByRole('progressbar', { name: 'Voortgang van de export' });
			expect(await bar.getAttribute('value')).toBe('40');
			expect(await plain.page.locator('meta[http-equiv="refresh"]').count()).toBe(1);
			await plain.page.waitForRequest((request) => request.url().endsWith('/beheer/fhir'), {
				timeout: 15_000
			});

			// With JavaScript: the page asks for its data again and the bar moves, without a reload.
			await scripted.page.goto('/beheer/fhir');
			await untilHydrated(scripted.page);
			await expectAccessible(scripted.page);
			await database.db.update(fhirExport).set({ progress: 70 }).where(eq(fhirExport.id, running!.id));
			await expect
				.poll(() => scripted.page.getByRole('progressbar').getAttribute('value'), { timeout: 15_000 })
				.toBe('70');
		} finally {
			// Not left running: the next test waits for its own export only.
			await database.db.update(fhirExport).set({ status: 'failed' }).where(eq(fhirExport.id, running!.id));
			await plain.context.close();
			await scripted.context.close();
		}
	});

	it('starts an export, which the job finishes, and downloads its files, without JavaScript', async () => {
		const { context, page } = await signedInContext(browser, await buildSignedIn(database.db, coordinator), {
			javaScript: false
		});
		await page.goto('/beheer/fhir');
		await page.getByRole('button', { name: 'Export maken' }).click();
		await page.waitForURL(/\/beheer\/fhir$/);
		// The page refreshes itself (meta refresh) until the files are there.
		const patients = page.getByRole('link', { name: 'Patient (1)' });
		await patients.waitFor({ timeout: 45_000 });
		const [download] = await Promise.all([page.waitForEvent('download'), patients.click()]);
		expect(download.suggestedFilename()).toBe('Patient.ndjson');
		const lines = fs
			.readFileSync(await download.path(), 'utf8')
			.trim()
			.split('\n');
		expect(lines.map((line) => JSON.parse(line).resourceType)).toEqual(['Patient']);
		expect(lines[0]).not.toContain('Anna');
		expect((await exportsOf(coordinator)).map((row) => row.event)).toEqual(
			expect.arrayContaining(['fhir.bulk_export', 'fhir.bulk_download'])
		);
		await context.close();
		// Axe runs in a browser with JavaScript (it cannot run its checks in one without).
		const scripted = await signedInContext(browser, await buildSignedIn(database.db, coordinator), {
			javaScript: true
		});
		await scripted.page.goto('/beheer/fhir');
		await untilHydrated(scripted.page);
		await expectAccessible(scripted.page);
		await scripted.context.close();
	});
});

describe('the Bulk Data API', () => {
	it('kicks off (202 + Content-Location), answers progress and the manifest; another organisation gets 404', async () => {
		const base = inject('baseUrl');
		const cookie = `herstelpad=${await buildSignedIn(database.db, coordinator)}`;
		const kickOff = await fetch(`${base}/api/fhir/$export?_type=Patient,Goal,Encounter`, {
			headers: { cookie, prefer: 'respond-async', accept: 'application/fhir+json' }
		});
		expect(kickOff.status).toBe(202);
		const status = kickOff.headers.get('content-location')!;
		expect(status).toMatch(/\/api\/fhir\/export\/[0-9a-f-]{36}$/);
		let manifest: { output: { type: string; url: string; count: number }[] } | undefined;
		await vi.waitFor(
			async () => {
				const response = await fetch(status, { headers: { cookie } });
				if (response.status === 202) expect(response.headers.get('x-progress')).toMatch(/%$/);
				expect(response.status).toBe(200);
				manifest = await response.json();
			},
			{ timeout: 45_000, interval: 500 }
		);
		expect(manifest!.output).toEqual([
			expect.objectContaining({ type: 'Patient', count: 1 }),
			expect.objectContaining({ type: 'Goal', count: 1 }),
			expect.objectContaining({ type: 'Encounter', count: 2 })
		]);
		const file = await fetch(manifest!.output[2]!.url, { headers: { cookie } });
		expect(file.headers.get('content-type')).toBe('application/fhir+ndjson');
		expect((await file.text()).trim().split('\n')).toHaveLength(2);

		const strangerOrg = await buildOrganisation(database.db);
		const stranger = await buildPerson(database.db, { organisationId: strangerOrg.id, role: 'coordinator' });
		const strangerCookie = `herstelpad=${await buildSignedIn(database.db, stranger)}`;
		expect((await fetch(status, { headers: { cookie: strangerCookie } })).status).toBe(404);
		expect((await fetch(manifest!.output[0]!.url, { headers: { cookie: strangerCookie } })).status).toBe(404);
	});
});

describe('one participant’s record', () => {
	it('a trainer downloads it as a FHIR Bundle from the participant’s page', async () => {
		const { context, page } = await signedInContext(browser, await buildSignedIn(database.db, trainer), {
			javaScript: true
		});
		await page.goto(`/trainer/groepen/${groupId}/voortgang/${anna.personId}`);
		await untilHydrated(page);
		await expectAccessible(page);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Exporteren voor het zorgdossier (FHIR)' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^herstelpad-fhir-\d{4}-\d{2}-\d{2}\.json$/);
		const bundle = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as Bundle;
		expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
		expect(bundle.entry?.map((entry) => entry.resource?.resourceType)).toEqual([
			'Patient',
			'Goal',
			'CarePlan',
			'Encounter',
			'Encounter'
		]);
		expect(JSON.stringify(bundle)).not.toContain('Anna Dossier');
		expect(await exportsOf(trainer)).toEqual([{ event: 'fhir.export', action: 'E', object: anna.personId }]);
		await context.close();
	});

	it('the coordinator finds the same export on the person’s page (without JavaScript)', async () => {
		const { context, page } = await signedInContext(browser, await buildSignedIn(database.db, coordinator), {
			javaScript: false
		});
		await page.goto(`/beheer/mensen/${anna.personId}`);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Exporteren voor het zorgdossier (FHIR)' }).click()
		]);
		const bundle = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as Bundle;
		expect(bundle.entry?.[0]?.resource?.resourceType).toBe('Patient');
		await context.close();
	});
});
