/**
 * Nothing lost, nothing twice, in the browser: a check-in interrupted between its last answer and its
 * submission is offered for sending (not a blank page), and a message whose answer was lost on the
 * way back is sent again with the same form and lands once. Each test uses a participant of its own
 * organisation, so no other browser test sees (or changes) what happens here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demo, expectAccessible, expectFlatExplicit, launchBrowser, newContext, signIn } from './browser';

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

/**
 * A participant with a goal and a step, alone in a group of a new organisation whose course began
 * four weeks ago on today's weekday (a session every week, so a check-in is open whenever this runs).
 * Signs in with the demo password (the hash is copied from a demo account).
 */
async function participantOfOwn(): Promise<{ email: string; personId: string }> {
	const tag = randomBytes(4).toString('hex');
	const email = `nooit-dubbel-${tag}@test.example`;
	const userId = randomUUID();
	const [org] = await query<{ id: string }>(
		`insert into organisation (name, slug) values ($1, $2) returning id`,
		[`Nooit dubbel ${tag}`, `nooit-dubbel-${tag}`]
	);
	await query(`insert into "user" (id, name, email, email_verified) values ($1, $2, $3, true)`, [
		userId,
		`Noor ${tag}`,
		email
	]);
	await query(
		`insert into account (id, account_id, provider_id, user_id, password)
		 select $1, $2, 'credential', $2, a.password from account a join "user" u on u.id = a.user_id
		 where u.email = $3`,
		[randomUUID(), userId, demo.participant]
	);
	const [person] = await query<{ id: string }>(
		`insert into person (organisation_id, user_id, role, display_name)
		 values ($1, $2, 'participant', $3) returning id`,
		[org!.id, userId, `Noor ${tag}`]
	);
	const [group] = await query<{ id: string }>(
		`insert into course_group (organisation_id, name, location, weekday, start_time, start_date)
		 values ($1, 'Groep', 'Zaal 1', extract(isodow from current_date - 28)::int, '00:01', current_date - 28)
		 returning id`,
		[org!.id]
	);
	await query(
		`insert into group_session (group_id, date, start_time)
		 select $1, day::date, '00:01' from generate_series(current_date - 28, current_date + 364, interval '7 days') day`,
		[group!.id]
	);
	await query(
		`insert into group_member (group_id, person_id, joined_at) values ($1, $2, now() - interval '30 days')`,
		[group!.id, person!.id]
	);
	await query(`insert into tour_seen (person_id) values ($1)`, [person!.id]);
	const [goal] = await query<{ id: string }>(
		`insert into recovery_goal (person_id, life_area, text, is_current) values ($1, 'leisure', 'Weer zwemmen', true)
		 returning id`,
		[person!.id]
	);
	await query(`insert into goal_step (goal_id, person_id, text) values ($1, $2, 'Het zwembad bellen')`, [
		goal!.id,
		person!.id
	]);
	return { email, personId: person!.id };
}

async function next(page: Page, name = 'Verder') {
	await page.getByRole('button', { name, exact: true }).click();
	await page.waitForLoadState('networkidle');
}

/** The same form post again, as the browser sends it when the person sends it once more. */
async function resend(page: Page, path: string, form: Record<string, string>) {
	const base = inject('baseUrl');
	return page.request.post(base + path, {
		form,
		headers: { origin: base, accept: 'text/html' },
		maxRedirects: 0
	});
}

describe('nothing lost, nothing twice', () => {
	it('a check-in interrupted after its last answer is offered for sending, and sent once', async () => {
		const noor = await participantOfOwn();
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, noor.email);
		await page.goto('/check-in');
		await page.getByLabel('Ja', { exact: true }).check();
		await next(page);
		await page.getByLabel('Dichtbij', { exact: true }).check();
		await next(page);
		await page.getByLabel(/Wil je iets bespreken/).fill('Het water was koud');
		await next(page);
		await page.getByRole('heading', { level: 1, name: /stap houden/ }).waitFor();
		// The moment the old code could leave behind: every answer in the draft, no check-in.
		await query(`update check_in_draft set answers = answers || '{"step":"keep"}' where person_id = $1`, [
			noor.personId
		]);

		await page.goto('/check-in');
		await page.getByRole('heading', { level: 1, name: 'Je check-in is klaar' }).waitFor();
		expect(await page.locator('main').textContent()).toContain('nog niet verstuurd');
		await expectFlatExplicit(page);
		await expectAccessible(page);
		const key = await page.locator('input[name="sleutel"]').inputValue();
		const [draft] = await query<{ key: string }>(
			`select idempotency_key as key from check_in_draft where person_id = $1`,
			[noor.personId]
		);
		expect(key).toBe(draft?.key);
		await next(page, 'Check-in versturen');
		await page.getByRole('heading', { level: 1, name: 'Klaar' }).waitFor();

		// Sent again (the answer was lost, or a second tap): the check-in is in once.
		const again = await resend(page, '/check-in', { vraag: 'versturen', sleutel: key });
		expect(again.status()).toBe(303);
		expect(again.headers()['location']).toBe('/check-in');
		const rows = await query<{ worked: string; closeness: number; bring_up: string }>(
			`select worked, closeness, bring_up from check_in where person_id = $1`,
			[noor.personId]
		);
		expect(rows).toEqual([{ worked: 'yes', closeness: 4, bring_up: 'Het water was koud' }]);
		await page.goto('/');
		expect(await page.locator('main').textContent()).toContain('Check-in van deze week gedaan');
		await context.close();
	});

	it('a message whose answer was lost, sent again with the same form, is in the thread once', async () => {
		const noor = await participantOfOwn();
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, noor.email);
		await page.goto('/berichten');
		const text = 'Mag ik volgende week later komen?';
		await page.getByLabel('Jouw bericht').fill(text);
		const key = await page.locator('input[name="sleutel"]').inputValue();
		expect(key).toMatch(/^[0-9a-f-]{36}$/);

		// The post reaches the server, but its answer never reaches the browser (connection reset).
		let handled: () => void = () => {};
		const lost = new Promise<void>((resolve) => (handled = resolve));
		await page.route('**/berichten', async (route) => {
			if (route.request().method() !== 'POST') return route.continue();
			await route.fetch({ maxRedirects: 0 });
			await route.abort('connectionreset');
			handled();
		});
		await page.getByRole('button', { name: 'Versturen' }).click();
		await lost;
		await page.unrouteAll({ behavior: 'wait' });
		const [first] = await query<{ count: number }>(
			`select count(*)::int as count from message where person_id = $1`,
			[noor.personId]
		);
		expect(first?.count).toBe(1);

		// The person sends the same form again: it answers as the first did and adds nothing.
		const again = await resend(page, '/berichten', { bericht: text, sleutel: key });
		expect(again.status()).toBe(303);
		expect(again.headers()['location']).toBe('/berichten?verstuurd');
		await page.goto('/berichten?verstuurd');
		expect(await page.locator('.thread li').count()).toBe(1);
		expect(await page.locator('.thread').textContent()).toContain(text);
		const rows = await query(`select id from message where person_id = $1`, [noor.personId]);
		expect(rows).toHaveLength(1);

		// A key that is not one the page made is refused with a message, and the text is kept.
		const bad = await resend(page, '/berichten', { bericht: 'Nog een vraag', sleutel: 'niet-van-ons' });
		expect(bad.status()).toBe(400);
		const html = await bad.text();
		expect(html).toContain('Dit formulier kwam niet goed aan');
		expect(html).toContain('Nog een vraag');
		expect(await query(`select id from message where person_id = $1`, [noor.personId])).toHaveLength(1);
		await context.close();
	});
});
