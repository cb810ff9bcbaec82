/**
 * The check-in week follows the calendar (issue 24 item 18), in the browser: a group whose session
 * was moved from two days ahead to yesterday. The participant's home offers this week's check-in
 * (the one from before the move counts for the week before), the check-in counts for the week that
 * began with the moved session, the step names the moved session's date, and the trainer's
 * "Deze week" and the goal round of the next session's preparation show that week. Its own group and participant, so the demo group stays as it was.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, isoWeekday, local } from '../../src/lib/domain/schedule';
import { formatLongDate } from '../../src/lib/format';
import { demo, expectAccessible, launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
let db: pg.Client;
const suffix = randomUUID().slice(0, 8);
const email = `weekdeelnemer-${suffix}@demo.herstelpad.example`;
const today = local(new Date()).date;
// Weekly at 10:00 two days from now; this week's session was moved to yesterday 10:00.
const plannedOn = addDays(today, 2);
const movedTo = addDays(today, -1);
const weekBefore = addDays(plannedOn, -7);
let groupId = '';
let trainerId = '';

async function one<Row>(text: string, values: unknown[] = []): Promise<Row> {
	const { rows } = await db.query(text, values);
	if (!rows[0]) throw new Error(`no row: ${text}`);
	return rows[0] as Row;
}

beforeAll(async () => {
	browser = await launchBrowser();
	db = new pg.Client({ connectionString: inject('appDatabaseUrl') });
	await db.connect();
	const { organisation_id: organisationId } = await one<{ organisation_id: string }>(
		`select organisation_id from course_group where name = 'Herstelgroep Demo'`
	);
	({ id: trainerId } = await one<{ id: string }>(
		`select p.id from person p join "user" u on u.id = p.user_id where u.email = $1`,
		[demo.trainer]
	));
	// The same password as every demo account.
	const { password } = await one<{ password: string }>(
		`select a.password from account a join "user" u on u.id = a.user_id where u.email = $1`,
		[demo.participant]
	);
	const userId = randomUUID();
	await db.query(
		`insert into "user" (id, name, email, email_verified) values ($1, 'Wessel (demo)', $2, true)`,
		[userId, email]
	);
	await db.query(
		`insert into account (id, account_id, provider_id, user_id, password) values ($1, $2, 'credential', $2, $3)`,
		[randomUUID(), userId, password]
	);
	const { id: personId } = await one<{ id: string }>(
		`insert into person (organisation_id, user_id, role, display_name) values ($1, $2, 'participant', 'Wessel (demo)') returning id`,
		[organisationId, userId]
	);
	({ id: groupId } = await one<{ id: string }>(
		`insert into course_group (organisation_id, name, location, weekday, start_time, start_date)
		 values ($1, $2, 'Zaal 4 (demo)', $3, '10:00', $4) returning id`,
		[organisationId, `Weekgroep ${suffix} (demo)`, isoWeekday(plannedOn), addDays(plannedOn, -35)]
	));
	await db.query(`insert into group_trainer (group_id, person_id) values ($1, $2)`, [groupId, trainerId]);
	await db.query(
		`insert into group_member (group_id, person_id, joined_at) values ($1, $2, now() - interval '60 days')`,
		[groupId, personId]
	);
	await db.query(`insert into tour_seen (person_id) values ($1)`, [personId]);
	for (let week = -5; week <= 5; week++) {
		const date = addDays(plannedOn, 7 * week);
		await db.query(
			`insert into group_session (group_id, date, start_time, moved_from) values ($1, $2, '10:00', $3)`,
			week === 0 ? [groupId, movedTo, plannedOn] : [groupId, date, null]
		);
	}
	const { id: goalId } = await one<{ id: string }>(
		`insert into recovery_goal (person_id, life_area, text, is_current, created_by_person_id)
		 values ($1, 'leisure', 'Weer gaan zwemmen', true, $1) returning id`,
		[personId]
	);
	await db.query(
		`insert into goal_step (goal_id, person_id, text, target_week, created_by_person_id) values ($1, $2, 'Het zwembad bellen', $3, $2)`,
		[goalId, personId, plannedOn]
	);
	// Checked in for the week before the moved session (under the weekly schedule, still "this week").
	await db.query(
		`insert into check_in (person_id, group_id, week_start, idempotency_key, worked, closeness, bring_up)
		 values ($1, $2, $3, $4, 'yes', 2, 'Vorige week')`,
		[personId, groupId, weekBefore, randomUUID()]
	);
});

afterAll(async () => {
	// Out of the demo trainer's and anyone's view again.
	await db.query(`delete from group_trainer where group_id = $1`, [groupId]);
	await db.query(`update group_member set left_at = now() where group_id = $1`, [groupId]);
	await db.end();
	await browser.close();
});

async function next(page: Page) {
	await page.getByRole('button', { name: 'Verder', exact: true }).click();
	await page.waitForLoadState('networkidle');
}

describe('the check-in week follows the calendar', () => {
	it('after a moved session the participant checks in for the new week, and the trainer sees it', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, email);
		await page.waitForURL((url) => url.pathname === '/');
		// The week began with yesterday's session: last week's check-in does not count for it.
		const home = page.getByRole('link', { name: 'Check-in van deze week' });
		await home.waitFor();
		await expectAccessible(page);
		await page.goto('/doel');
		expect(await page.locator('main').textContent()).toContain(`voor ${formatLongDate(movedTo, 'nl')}`);

		await page.goto('/check-in');
		expect(await page.locator('main').textContent()).toContain(`week van ${formatLongDate(movedTo, 'nl')}`);
		await page.getByLabel('Een beetje').check();
		await next(page);
		await page.getByLabel('Dichtbij', { exact: true }).check();
		await next(page);
		await page.getByLabel(/Wil je iets bespreken/).fill('Na de verschoven bijeenkomst');
		await next(page);
		await page.getByLabel('Ja, ik houd mijn stap').check();
		await next(page);
		await page.getByRole('heading', { level: 1, name: 'Klaar' }).waitFor();
		await page.goto('/');
		expect(await page.locator('main').textContent()).toContain('Check-in van deze week gedaan');
		await context.close();

		const weeks = await db.query<{ week_start: string }>(
			`select to_char(week_start, 'YYYY-MM-DD') as week_start from check_in where group_id = $1 order by week_start`,
			[groupId]
		);
		expect(weeks.rows.map((row) => row.week_start)).toEqual([weekBefore, movedTo]);

		const staff = await newContext(browser, { javaScript: true });
		const trainerPage = await staff.newPage();
		await signIn(trainerPage, demo.trainer);
		await trainerPage.goto(`/trainer/groepen/${groupId}/deze-week`);
		const main = trainerPage.locator('main');
		await main.waitFor();
		expect(await main.textContent()).toContain(`Week van de groep op ${formatLongDate(movedTo, 'nl')}`);
		const row = trainerPage.getByRole('row', { name: /^Wessel \(demo\)/ });
		expect(await row.textContent()).toContain('Na de verschoven bijeenkomst');
		await expectAccessible(trainerPage);

		// Preparing the next session: its goal round is the week that began with the moved session.
		await trainerPage.goto(`/trainer/groepen/${groupId}/voorbereiding`);
		const round = trainerPage.locator('section[aria-labelledby="prep-goals"]');
		expect(await round.textContent()).toContain(`Week van de groep op ${formatLongDate(movedTo, 'nl')}`);
		expect(await round.textContent()).toContain('Na de verschoven bijeenkomst');
		await staff.close();
	});
});
