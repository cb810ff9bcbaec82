/**
 * The use figures in the browser (issue 20, items 6 and 7), in an organisation of its own: the
 * coordinator's page (chart and tables, small counts hidden, axe, the CSV download — logged) and a
 * group's page from there; the trainer's page of their group (counts as they are); and a participant
 * answering the "why not?" question on their home page, with JavaScript on and off.
 */
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { weekOf } from '../../src/lib/domain/usage';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { auditEvent, groupMember, tourSeen, usageEvent, whyNotAnswer } from '../../src/lib/server/db/schema';
import { buildCheckIn, buildGroup, buildOrganisation, buildPerson, buildSignedIn } from '../helpers/builders';
import {
	expectAccessible,
	expectFlatExplicit,
	launchBrowser,
	signedInContext,
	untilHydrated
} from './browser';

let browser: Browser;
let database: Database;
let coordinator: Actor;
let trainer: Actor;
let participants: Actor[];
let wim: Actor;
let vera: Actor;
let groupId: string;

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	const db = database.db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator', name: 'Cora Gebruik' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara Gebruik' });
	participants = [];
	for (let i = 1; i <= 6; i++)
		participants.push(
			await buildPerson(db, { organisationId: org.id, role: 'participant', name: `Deelnemer ${i} Gebruik` })
		);
	wim = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Wim Gebruik' });
	vera = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Vera Gebruik' });
	groupId = (
		await buildGroup(db, {
			organisationId: org.id,
			name: 'Groep Gebruik',
			trainers: [trainer],
			participants: [...participants, wim, vera]
		})
	).id;
	await db.insert(tourSeen).values([...participants, wim, vera].map((p) => ({ personId: p.personId })));
	// Wim and Vera joined a month ago and never opened a module: they are asked why.
	for (const late of [wim, vera])
		await db
			.update(groupMember)
			.set({ joinedAt: new Date(Date.now() - 30 * 86_400_000) })
			.where(eq(groupMember.personId, late.personId));
	const week = weekOf(new Date());
	for (const participant of participants) {
		await buildCheckIn(db, { participant, groupId, weekStart: week });
		await db.insert(usageEvent).values([
			{ personId: participant.personId, organisationId: org.id, groupId, kind: 'first_visit' },
			{ personId: participant.personId, organisationId: org.id, groupId, kind: 'visit' }
		]);
	}
	// Two videos started by one person: too few for the coordinator, shown to the trainer.
	await db.insert(usageEvent).values([
		{ personId: participants[0]!.personId, organisationId: org.id, groupId, kind: 'video_started' },
		{ personId: participants[0]!.personId, organisationId: org.id, groupId, kind: 'video_started' }
	]);
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

async function open(actor: Actor, javaScript: boolean) {
	const token = await buildSignedIn(database.db, actor);
	const opened = await signedInContext(browser, token, {
		javaScript,
		viewport: actor.role === 'participant' ? { width: 390, height: 844 } : undefined
	});
	// A step that waits too long names itself instead of running into the test's timeout.
	opened.page.setDefaultTimeout(20_000);
	return opened;
}

const rowText = async (page: import('playwright-core').Page, name: string) =>
	(
		await page
			.getByRole('row', { name: new RegExp(`^${name}`) })
			.first()
			.innerText()
	).replace(/\s+/g, ' ');

describe("the coordinator's use figures", () => {
	it('shows the funnel, the components, the trend chart with its table, small counts hidden; the CSV is logged', async () => {
		const { context, page } = await open(coordinator, true);
		await page.goto('/beheer');
		await page.getByRole('link', { name: 'Gebruik', exact: true }).click();
		await page.waitForURL(/\/beheer\/gebruik$/);
		await page.getByRole('heading', { level: 1, name: 'Gebruik van Herstelpad' }).waitFor();
		await expect(page.getByRole('img', { name: /Gebruik per week/ }).count()).resolves.toBe(1);
		await expect(page.getByRole('img', { name: /uitgenodigd, ooit ingelogd/ }).count()).resolves.toBe(1);
		expect(await rowText(page, 'Check-ins')).toContain('6');
		expect(await rowText(page, "Video's gestart")).toContain('te weinig om te tonen');
		await expectAccessible(page);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: /Download als CSV/ }).click()
		]);
		const csv = fs.readFileSync((await download.path())!, 'utf8');
		expect(csv.split('\r\n')[0]).toBe('section,key,label,measure,value');
		expect(csv).toMatch(/component,videos_started,[^\r\n]*,uses,<5/);
		const logged = await database.db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.eventType, 'usage.export'), eq(auditEvent.actorPersonId, coordinator.personId))
			);
		expect(logged).toHaveLength(1);

		await page.getByRole('link', { name: 'Groep Gebruik' }).click();
		await page.waitForURL(new RegExp(`/beheer/groepen/${groupId}/gebruik$`));
		await page.getByRole('heading', { level: 1, name: 'Gebruik: Groep Gebruik' }).waitFor();
		expect(await rowText(page, 'Uitgenodigd')).toContain('8');
		await expectAccessible(page);
		await context.close();
	});
});

describe("the trainer's use figures", () => {
	it("shows their group's counts as they are, reached from the group's links", async () => {
		const { context, page } = await open(trainer, true);
		await page.goto('/trainer');
		await page.locator(`a[href="/trainer/groepen/${groupId}/gebruik"]`).click();
		await page.waitForURL(new RegExp(`/trainer/groepen/${groupId}/gebruik$`));
		await page.getByRole('heading', { level: 1, name: 'Gebruik: Groep Gebruik' }).waitFor();
		expect(await rowText(page, "Video's gestart")).toMatch(/1 2$/);
		await expect(page.getByRole('img', { name: /Gebruik per week/ }).count()).resolves.toBe(1);
		await expectAccessible(page);
		await context.close();
	});
});

describe('"why not?" on the home page', () => {
	it('is answered once with JavaScript on', async () => {
		const { context, page } = await open(wim, true);
		await page.goto('/');
		await page.getByRole('heading', { name: 'Een korte vraag' }).waitFor();
		await expectFlatExplicit(page);
		await expectAccessible(page);
		await untilHydrated(page);
		await page.getByLabel('Te moeilijk').check();
		await Promise.all([
			page.waitForURL(/\/\?bedankt$/),
			page.getByRole('button', { name: 'Antwoord sturen' }).click()
		]);
		await page.getByText('Dank je voor je antwoord.').waitFor();
		await expect(page.getByRole('heading', { name: 'Een korte vraag' }).count()).resolves.toBe(0);
		const rows = await database.db.select().from(whyNotAnswer).where(eq(whyNotAnswer.personId, wim.personId));
		expect(rows.map((row) => [row.component, row.answer])).toEqual([['modules', 'too_hard']]);
		await context.close();
	});

	it('works without JavaScript: no choice is a message, "Niet nu" ends the question', async () => {
		const { context, page } = await open(vera, false);
		await page.goto('/');
		await page.getByRole('heading', { name: 'Een korte vraag' }).waitFor();
		await page.getByRole('button', { name: 'Antwoord sturen' }).click();
		// (Axe runs in the page's script: the card is checked with JavaScript on, above.)
		await page.getByText('Kies een antwoord, of kies Niet nu.').first().waitFor();
		await Promise.all([
			page.waitForURL(/\/\?bedankt$/),
			page.getByRole('button', { name: 'Niet nu' }).click()
		]);
		await expect(page.getByRole('heading', { name: 'Een korte vraag' }).count()).resolves.toBe(0);
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'Een korte vraag' }).count()).resolves.toBe(0);
		const rows = await database.db
			.select()
			.from(whyNotAnswer)
			.where(eq(whyNotAnswer.personId, vera.personId));
		expect(rows.map((row) => row.answer)).toEqual(['not_now']);
		await context.close();
	});
});
