/**
 * Running a week of the course from Herstelpad: the coordinator makes a group and its calendar
 * (JavaScript off) and changes it; the trainer plans the last session, records attendance, gives
 * home practice; Bram (demo participant 2) answers it without JavaScript; the trainer gives
 * feedback and prepares the next session. Also the first-use tour, skipped and replayed from Help.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demo, expectAccessible, expectFlatExplicit, launchBrowser, newContext, signIn } from './browser';

const bram = 'deelnemer2@demo.herstelpad.example';
const fleur = 'deelnemer6@demo.herstelpad.example';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

async function query<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
	const db = new pg.Client({ connectionString: inject('appDatabaseUrl') });
	await db.connect();
	try {
		return (await db.query(text, values)).rows as Row[];
	} finally {
		await db.end();
	}
}

/** The demo group's most recent planned session that has started (today's counts once it began). */
async function lastSession(): Promise<{ id: string; group_id: string }> {
	const [row] = await query<{ id: string; group_id: string }>(
		`select s.id, s.group_id from group_session s join course_group g on g.id = s.group_id
		 where g.name = 'Herstelgroep Demo' and s.status = 'planned'
		   and (s.date + s.start_time) <= (now() at time zone 'Europe/Amsterdam')
		 order by s.date desc limit 1`
	);
	if (!row) throw new Error('the demo group has no past session');
	return row;
}

function row(page: Page, text: string) {
	return page.locator('tr', { hasText: text });
}

describe('the course calendar', () => {
	it('a coordinator makes a group without JavaScript; Herstelpad makes its calendar, which they change', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, demo.coordinator);
		await page.getByRole('link', { name: 'Nieuwe groep maken' }).click();
		await page.waitForURL('**/beheer/groepen/nieuw');
		await page.getByLabel('Andere vrije dagen').fill('2027-02-16 t/m 2027-02-10');
		await page.getByRole('button', { name: 'Groep en kalender maken' }).click();
		// Everything is named that needs fixing; what was typed stays.
		const summary = await page.locator('.error-summary').textContent();
		expect(summary).toContain('Vul een naam in.');
		expect(summary).toContain('Kies een dag van de week.');
		expect(await page.getByLabel('Andere vrije dagen').inputValue()).toBe('2027-02-16 t/m 2027-02-10');
		await page.getByLabel('Naam van de groep').fill('Herstelgroep Oost (demo)');
		await page.getByLabel('Plaats').fill('Buurthuis Oost, zaal 1 (demo)');
		await page.getByLabel('Dag van de week').selectOption({ label: 'dinsdag' });
		await page.getByLabel('Begintijd').fill('13:30');
		await page.getByLabel('Startdatum').fill('2027-01-05');
		await page.getByLabel(/Esra Ervaringsdeskundige/).check();
		await page.getByLabel('Andere vrije dagen').fill('2027-02-15 t/m 2027-02-19');
		await page.getByRole('button', { name: 'Groep en kalender maken' }).click();
		await page.waitForURL('**/beheer/groepen/*?nieuw=52');
		expect(await page.getByRole('status').textContent()).toContain('52 bijeenkomsten');
		expect(await row(page, 'dinsdag 27 april 2027').textContent()).toContain('Vervalt: Koningsdag');
		expect(await row(page, 'dinsdag 16 februari 2027').textContent()).toContain('Vervalt: vrije dag');
		await context.close();

		// Changing the calendar, with JavaScript on and axe on each screen.
		const js = await (await newContext(browser, { javaScript: true })).newPage();
		await signIn(js, demo.coordinator);
		await js.goto('/beheer/groepen/nieuw');
		await expectAccessible(js);
		await js.goto('/beheer');
		await expectAccessible(js);
		await js.getByRole('link', { name: 'Herstelgroep Oost (demo)' }).click();
		await expectAccessible(js);
		const first = row(js, 'dinsdag 5 januari 2027');
		await first.getByText('Wijzigen (dinsdag 5 januari 2027)').click();
		await first.getByLabel('Nieuwe datum').fill('2027-01-12');
		await first.getByRole('button', { name: 'Verplaatsen' }).click();
		// The 12th already has a session: refused, and said so at the field.
		await expect.poll(() => js.getByText('Op die datum is al een bijeenkomst.').count()).toBe(1);
		await row(js, 'dinsdag 5 januari 2027').getByLabel('Nieuwe datum').fill('2027-01-07');
		await row(js, 'dinsdag 5 januari 2027').getByRole('button', { name: 'Verplaatsen' }).click();
		await js.waitForURL('**?gewijzigd*');
		expect(await row(js, 'donderdag 7 januari 2027').textContent()).toContain(
			'Verplaatst van dinsdag 5 januari 2027'
		);
		const second = row(js, 'dinsdag 12 januari 2027');
		await second.getByText('Wijzigen (dinsdag 12 januari 2027)').click();
		await second.getByLabel('Waarom vervalt deze bijeenkomst?').fill('Studiedag team');
		await second.getByRole('button', { name: 'Laten vervallen' }).click();
		await js.waitForURL('**?gewijzigd*');
		expect(await row(js, 'dinsdag 12 januari 2027').textContent()).toContain('Vervalt: Studiedag team');
		await js.getByLabel('Datum', { exact: true }).fill('2027-01-14');
		await js.getByLabel('Tijd', { exact: true }).fill('13:30');
		await js.getByLabel('Onderwerp').fill('Inhaalbijeenkomst');
		await js.getByRole('button', { name: 'Bijeenkomst toevoegen' }).click();
		await js.waitForURL('**?toegevoegd*');
		expect(await row(js, 'donderdag 14 januari 2027').textContent()).toContain('Inhaalbijeenkomst');
		await expectAccessible(js);
		await js.context().close();
	});

	it('the trainer plans the last session, records attendance and gives home practice', async () => {
		const session = await lastSession();
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.trainer);
		await page.goto('/trainer');
		const group = page.locator('section', { has: page.getByRole('heading', { name: 'Herstelgroep Demo' }) });
		await group.getByRole('link', { name: 'Bijeenkomsten' }).click();
		await page.waitForURL('**/sessies');
		await expectAccessible(page);
		await page.goto(`/trainer/groepen/${session.group_id}/sessies/${session.id}`);
		await expectAccessible(page);
		await page.getByLabel('Module', { exact: true }).selectOption({ index: 1 });
		await page.getByLabel('Onderwerp').fill('Wat is herstel voor jou?');
		await page.getByLabel('Notities van de trainers').fill('Stoelen in een kring.');
		await page.getByRole('button', { name: 'Planning opslaan' }).click();
		await page.waitForURL('**?opgeslagen*');
		expect(await page.getByLabel('Onderwerp').inputValue()).toBe('Wat is herstel voor jou?');

		const attendance = page.locator('section', { has: page.getByRole('heading', { name: 'Aanwezigheid' }) });
		await attendance
			.getByRole('group', { name: 'Anna (demo)', exact: true })
			.getByLabel('Aanwezig', { exact: true })
			.check();
		await attendance
			.getByRole('group', { name: 'Bram (demo)' })
			.getByLabel('Aanwezig', { exact: true })
			.check();
		await attendance.getByRole('group', { name: 'Chris (demo)' }).getByLabel('Afgemeld').check();
		await attendance.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
		await page.waitForURL('**?aanwezigheid*');
		expect(await page.getByRole('group', { name: 'Chris (demo)' }).getByLabel('Afgemeld').isChecked()).toBe(
			true
		);

		// Own words, answered by choosing; two choices at least.
		await page.getByLabel('Een eigen opdracht').check();
		await page.getByLabel('Of: eigen opdracht').fill('Maak deze week één wandeling van een kwartier.');
		await page.getByLabel('Door te kiezen').check();
		await page.getByLabel('Keuzes').fill('Gelukt');
		await page.getByRole('button', { name: 'Thuisopdracht geven' }).click();
		await expect.poll(() => page.getByText('Geef 2 tot 6 keuzes, één per regel.').count()).toBeGreaterThan(0);
		await page.getByLabel('Keuzes').fill('Gelukt\nEen beetje\nNiet gelukt');
		await page.getByRole('button', { name: 'Thuisopdracht geven' }).click();
		await page.waitForURL('**?opdracht*');
		expect(await page.locator('.practice-text').textContent()).toContain('wandeling');
		await expectAccessible(page);
		await context.close();
	});

	it('Bram answers the home practice without JavaScript, and sees the trainer’s reply', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, bram);
		await expectFlatExplicit(page);
		await page.getByRole('link', { name: 'Thuisopdracht maken' }).click();
		await page.waitForURL('**/thuisopdracht');
		await expectFlatExplicit(page);
		expect(await page.locator('main').textContent()).toContain('wandeling van een kwartier');
		await page.getByRole('button', { name: 'Antwoord versturen' }).click();
		// The browser's own check stops an empty answer when it can; the server says so too.
		expect(new URL(page.url()).pathname).toBe('/thuisopdracht');
		await page.getByLabel('Een beetje').check();
		await page.getByRole('button', { name: 'Antwoord versturen' }).click();
		await page.waitForURL('**/thuisopdracht?opgeslagen');
		expect(await page.getByLabel('Een beetje').isChecked()).toBe(true);
		await page.goto('/');
		expect(await page.locator('main').textContent()).toContain('Thuisopdracht gedaan');
		await expectFlatExplicit(page);

		const session = await lastSession();
		const trainer = await (await newContext(browser, { javaScript: true })).newPage();
		await signIn(trainer, demo.trainer);
		await trainer.goto(`/trainer/groepen/${session.group_id}/sessies/${session.id}`);
		const answer = trainer.locator('li', { hasText: 'Bram (demo):' });
		expect(await answer.textContent()).toContain('Een beetje');
		await answer.getByLabel('Korte reactie aan Bram (demo)').fill('Goed begin, Bram!');
		await answer.getByRole('button', { name: 'Reactie geven' }).click();
		await trainer.waitForURL('**?feedback*');
		await trainer.context().close();

		await page.goto('/thuisopdracht');
		expect(await page.locator('main').textContent()).toContain('Reactie van Tom Trainer: Goed begin, Bram!');
		await context.close();
		const withScript = await (await newContext(browser, { javaScript: true })).newPage();
		await signIn(withScript, bram);
		await withScript.goto('/thuisopdracht');
		await expectAccessible(withScript);
		await expectFlatExplicit(withScript);
		await withScript.context().close();
	});

	it('the trainer prepares the next session on one printable page', async () => {
		const session = await lastSession();
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.trainer);
		await page.goto('/trainer');
		const group = page.locator('section', { has: page.getByRole('heading', { name: 'Herstelgroep Demo' }) });
		await group.getByRole('link', { name: 'Bijeenkomst voorbereiden' }).click();
		await page.waitForURL('**/voorbereiding');
		await expectAccessible(page);
		const main = (await page.locator('main').textContent()) ?? '';
		expect(main).toContain('Doelenronde');
		expect(main).toContain('Thuisopdracht van de vorige keer');
		expect(main).toContain('Bram (demo): Een beetje');
		expect(main).toContain('Fleur (demo): nog geen antwoord');
		expect(await page.getByRole('button', { name: 'Afdrukken' }).count()).toBe(1);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.staff-header').isVisible()).toBe(false);
		// The page for the last session itself (given by its id) shows its plan and notes.
		await page.goto(`/trainer/groepen/${session.group_id}/voorbereiding?sessie=${session.id}`);
		expect(await page.locator('main').textContent()).toContain('Stoelen in een kring.');
		await context.close();

		// Bram's access log names what the trainer saw.
		const seen = await query<{ event_type: string }>(
			`select distinct a.event_type from audit_event a join person p on p.id = a.participant_id
			 join "user" u on u.id = p.user_id where u.email = $1 and a.actor_role = 'trainer'`,
			[bram]
		);
		expect(seen.map((row) => row.event_type)).toEqual(
			expect.arrayContaining([
				'attendance.read',
				'attendance.update',
				'home_practice.read',
				'home_practice.feedback'
			])
		);
	});
});

describe('the first-use tour', () => {
	it('comes on the first visit, can be skipped, and is replayed from Help without JavaScript', async () => {
		await query(
			`delete from tour_seen where person_id = (
				select p.id from person p join "user" u on u.id = p.user_id where u.email = $1)`,
			[fleur]
		);
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, fleur);
		await page.waitForURL('**/rondleiding');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom bij Herstelpad');
		await expectAccessible(page);
		await expectFlatExplicit(page);
		await page.getByRole('link', { name: 'Verder' }).click();
		await page.waitForURL('**/rondleiding?scherm=2');
		await page.getByRole('button', { name: 'Rondleiding overslaan' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await page.goto('/');
		expect(new URL(page.url()).pathname).toBe('/');
		await context.close();

		const noScript = await (await newContext(browser, { javaScript: false })).newPage();
		await signIn(noScript, fleur);
		expect(new URL(noScript.url()).pathname).toBe('/');
		await noScript.getByRole('link', { name: 'Hulp', exact: true }).click();
		await noScript.getByRole('button', { name: 'Rondleiding opnieuw bekijken' }).click();
		await noScript.waitForURL('**/rondleiding*');
		for (const title of ['Home: je beginscherm', 'Hulp: altijd op dezelfde plek', 'Elke week: je check-in']) {
			await noScript.getByRole('link', { name: 'Verder' }).click();
			expect(await noScript.getByRole('heading', { level: 1 }).textContent()).toBe(title);
		}
		await noScript.getByRole('button', { name: 'Klaar, naar Home' }).click();
		await noScript.waitForURL((url) => url.pathname === '/');
		await noScript.context().close();
	});
});
