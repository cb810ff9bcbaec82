/**
 * The printable workbook in the browser, in an organisation of its own (issue 18, item 9): a
 * participant makes their workbook on /werkboek — with JavaScript (a "busy" notice while it takes
 * long, then the download) and without (a plain form, the download straight away), in normal and
 * large print; the trainer prints one for a participant without a device and types in an answer from
 * the paper workbook, which the participant then sees marked "ingevuld door …". Every print is in
 * the access log. Axe and the flat-explicit limits on /werkboek.
 */
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { auditEvent, curriculumStep, exerciseAnswer } from '../../src/lib/server/db/schema';
import {
	buildCheckIn,
	buildCurriculum,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson,
	buildSignedIn
} from '../helpers/builders';
import {
	expectAccessible,
	expectFlatExplicit,
	launchBrowser,
	signedInContext,
	untilHydrated
} from './browser';

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

const QUESTION = 'Wat neem je mee uit deze module?';

/** A group of its own with a trainer and a participant who has a goal, check-ins and an open module. */
async function buildCast() {
	const db = database.db;
	const org = await buildOrganisation(db);
	const trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara Werkboek' });
	const anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna Papier' });
	const group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] });
	const curriculum = await buildCurriculum(db, { organisationId: org.id, modules: 2, groups: [group.id] });
	// An exercise, keyed as the content's steps are ("02-…"): the step page's address takes no other.
	await db
		.update(curriculumStep)
		.set({
			key: '02-oefening',
			kind: 'exercise',
			question: { nl: QUESTION, en: 'What do you take from this module?' }
		})
		.where(and(eq(curriculumStep.moduleId, curriculum.modules[0]!.id), eq(curriculumStep.key, '1-stap-2')));
	const goal = await buildGoal(db, { participant: anna, text: 'Weer gaan fietsen', step: 'Band plakken' });
	for (const [index, weekStart] of ['2026-01-05', '2026-01-12'].entries())
		await buildCheckIn(db, {
			participant: anna,
			groupId: group.id,
			weekStart,
			closeness: 2 + index,
			goalId: goal.goalId,
			stepId: goal.stepId
		});
	return { groupId: group.id, trainer, anna };
}

async function open(actor: Actor, javaScript: boolean, wide = false) {
	const token = await buildSignedIn(database.db, actor);
	return signedInContext(browser, token, {
		javaScript,
		viewport: wide ? { width: 1280, height: 800 } : { width: 390, height: 844 }
	});
}

/** The downloaded PDF's text and page count. */
async function readDownload(download: Download): Promise<{ text: string; pages: number; size: number }> {
	expect(download.suggestedFilename()).toBe('werkboek.pdf');
	const file = await download.path();
	const bytes = fs.readFileSync(file);
	expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
	const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const texts: string[] = [];
	let size = 0;
	for (let number = 1; number <= document.numPages; number++) {
		const items = (await (await document.getPage(number)).getTextContent()).items;
		for (const item of items)
			if ('str' in item) {
				texts.push(item.str);
				if (item.str.includes('Wat neem je mee')) size = Math.abs(item.transform[3]!);
			}
	}
	const pages = document.numPages;
	await document.destroy();
	return { text: texts.join(' ').replace(/\s+/g, ' '), pages, size };
}

/** Makes the workbook with the page's button and returns the download. */
async function make(page: Page, largePrint: boolean): Promise<Download> {
	if (largePrint) await page.getByLabel('Grote letters').check();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Werkboek maken (PDF)' }).click()
	]);
	return download;
}

const printsOf = async (participant: Actor) =>
	database.db
		.select({ actor: auditEvent.actorPersonId, action: auditEvent.action })
		.from(auditEvent)
		.where(
			and(eq(auditEvent.participantId, participant.personId), eq(auditEvent.eventType, 'workbook.print'))
		);

describe('the printable workbook', () => {
	it('a participant makes it with JavaScript: "busy" while it takes long, then the download', async () => {
		const cast = await buildCast();
		const { context, page } = await open(cast.anna, true);
		await page.goto('/werkboek');
		await expectFlatExplicit(page);
		await expectAccessible(page);
		await untilHydrated(page);

		// The PDF is held back until the page says it is busy: the notice shows after a second.
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/werkboek/pdf**', async (route) => {
			const response = await route.fetch();
			await held;
			await route.fulfill({ response });
		});
		const downloaded = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Werkboek maken (PDF)' }).click();
		await page.getByRole('status').getByText('Bezig met het werkboek…').waitFor();
		release();
		const pdf = await readDownload(await downloaded);
		await page.getByRole('status').getByText('Klaar. Het werkboek staat bij je downloads.').waitFor();
		await expectAccessible(page);
		for (const text of [
			'Werkboek van Anna Papier',
			'Weer gaan fietsen',
			'Band plakken',
			'Mijn check-ins',
			QUESTION
		])
			expect(pdf.text).toContain(text);
		await page.unroute('**/werkboek/pdf**');

		// Large print: the same workbook with bigger letters, over more pages.
		const large = await readDownload(await make(page, true));
		expect(large.size).toBeGreaterThan(pdf.size);
		expect(large.pages).toBeGreaterThanOrEqual(pdf.pages);
		expect((await printsOf(cast.anna)).map((row) => [row.actor, row.action])).toEqual([
			[cast.anna.personId, 'E'],
			[cast.anna.personId, 'E']
		]);
		await context.close();
	});

	it('a participant makes it without JavaScript: the form downloads it', async () => {
		const cast = await buildCast();
		const { context, page } = await open(cast.anna, false);
		await page.goto('/werkboek');
		const pdf = await readDownload(await make(page, true));
		expect(pdf.text).toContain('Werkboek van Anna Papier');
		expect(pdf.size).toBeGreaterThanOrEqual(15);
		expect(page.url()).toMatch(/\/werkboek$/);
		expect(await printsOf(cast.anna)).toHaveLength(1);
		await context.close();
	});

	it('the trainer prints it for a participant and types in a paper answer, which the participant sees marked', async () => {
		const cast = await buildCast();
		const trainer = await open(cast.trainer, true, true);
		await trainer.page.goto(`/trainer/groepen/${cast.groupId}/voortgang/${cast.anna.personId}`);
		await trainer.page.getByRole('link', { name: 'Werkboek printen' }).click();
		await trainer.page.waitForURL(/\/werkboek$/);
		await expectAccessible(trainer.page);
		await untilHydrated(trainer.page);
		const pdf = await readDownload(await make(trainer.page, false));
		expect(pdf.text).toContain('Gemaakt op');
		expect(pdf.text).toContain('door Tamara Werkboek');
		expect((await printsOf(cast.anna)).map((row) => row.actor)).toEqual([cast.trainer.personId]);

		// The answers from paper.
		await trainer.page.getByRole('link', { name: 'Antwoorden van papier invullen' }).click();
		await trainer.page.waitForURL(/\/invullen$/);
		await expectAccessible(trainer.page);
		await untilHydrated(trainer.page);
		await trainer.page.getByLabel(QUESTION).fill('Elke dag even naar buiten.');
		await Promise.all([
			trainer.page.waitForURL(/opgeslagen=/),
			trainer.page.getByRole('button', { name: 'Antwoord bewaren' }).click()
		]);
		await trainer.page.getByText('Bewaard.').waitFor();
		const [row] = await database.db
			.select()
			.from(exerciseAnswer)
			.where(eq(exerciseAnswer.personId, cast.anna.personId));
		expect(row).toMatchObject({
			answer: 'Elke dag even naar buiten.',
			enteredByPersonId: cast.trainer.personId
		});
		const [write] = await database.db
			.select()
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.actorPersonId, cast.trainer.personId),
					eq(auditEvent.eventType, 'curriculum.answer_save')
				)
			);
		expect(write?.onBehalfOfPersonId).toBe(cast.anna.personId);
		await trainer.context.close();

		// The participant sees the answer, marked as filled in by the trainer — without JavaScript too.
		for (const javaScript of [true, false]) {
			const anna = await open(cast.anna, javaScript);
			await anna.page.goto('/modules/1/02-oefening');
			await expect.poll(() => anna.page.getByLabel(QUESTION).inputValue()).toBe('Elke dag even naar buiten.');
			await anna.page.getByText('Ingevuld door Tamara Werkboek').waitFor();
			if (javaScript) await expectAccessible(anna.page);
			await anna.context.close();
		}
	});
});
