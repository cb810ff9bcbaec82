/**
 * The relapse-prevention plan in the browser (issue 18, items 1–6), in an organisation of its own: a
 * participant builds it from home with JavaScript on (autosave) and off, reads it a part per screen,
 * prints the wallet card; shares it with a naaste by email (a real SMTP exchange) and by a printed
 * card; the naaste signs in with the code and sees the plan and nothing else — checked over HTTP for
 * every participant, trainer, admin and API route — and loses it at once when the participant stops;
 * the participant's "who looked at my data" names the naaste; the trainer sees that a plan exists
 * and reads it only once it is shared with the care team. Axe and the flat-explicit limits on every
 * new participant screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { tourSeen } from '../../src/lib/server/db/schema';
import { savePlanAnswer } from '../../src/lib/server/workbook/plan/commands';
import { buildGroup, buildOrganisation, buildPerson, buildSignedIn } from '../helpers/builders';
import { waitForMail } from '../helpers/mail';
import { accessTable } from './route-inventory.test';
import {
	expectAccessible,
	expectFlatExplicit,
	launchBrowser,
	newContext,
	signedInContext,
	untilHydrated
} from './browser';

let browser: Browser;
let database: Database;
let anna: Actor;
let bram: Actor;
let trainer: Actor;
let groupId: string;

beforeAll(async () => {
	browser = await launchBrowser();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	const db = database.db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara Plan' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna Plan' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram Plan' });
	groupId = (
		await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] })
	).id;
	// The tour is behind them: home opens at once.
	await db.insert(tourSeen).values([{ personId: anna.personId }, { personId: bram.personId }]);
});
afterAll(async () => {
	await browser.close();
	await database.close();
});

async function open(actor: Actor, javaScript: boolean) {
	const token = await buildSignedIn(database.db, actor);
	return signedInContext(browser, token, { javaScript, viewport: { width: 390, height: 844 } });
}

/** Clicks and waits for the page the form or link leads to. */
async function follow(page: Page, click: () => Promise<void>, to: RegExp): Promise<void> {
	await Promise.all([page.waitForURL(to), click()]);
}

async function checkScreen(page: Page): Promise<void> {
	await expectFlatExplicit(page);
	await expectAccessible(page);
}

describe('the relapse-prevention plan', () => {
	it('is built from home one question per screen, saved as it is typed, read a part per screen, and printed as a card', async () => {
		const { context, page } = await open(anna, true);
		await page.goto('/');
		await follow(
			page,
			() => page.getByRole('link', { name: 'Mijn signaleringsplan' }).click(),
			/\/signaleringsplan$/
		);
		await checkScreen(page);
		await untilHydrated(page);
		await follow(page, () => page.getByRole('link', { name: 'Begin met je plan' }).click(), /sterke-kanten$/);
		await checkScreen(page);
		await untilHydrated(page);
		// Autosave: typed, not sent, and still there after a reload.
		await page.locator('#antwoord').fill('Wandelen met de hond');
		await page.getByText('Je antwoord is opgeslagen.').waitFor();
		await page.reload();
		expect(await page.locator('#antwoord').inputValue()).toBe('Wandelen met de hond');
		await untilHydrated(page);
		await follow(page, () => page.getByRole('button', { name: 'Volgende' }).click(), /triggers$/);
		await page.goto('/signaleringsplan/rood-ik');
		await untilHydrated(page);
		await page.locator('#antwoord').fill('Mijn zus Ria bellen');
		await follow(page, () => page.getByRole('button', { name: 'Volgende' }).click(), /rood-anderen$/);
		await page.goto('/signaleringsplan/bellen');
		await checkScreen(page);
		await untilHydrated(page);
		await page.getByLabel('Je begeleider of behandelaar').fill('Tamara 010-1234567');
		await follow(
			page,
			() => page.getByRole('button', { name: 'Klaar' }).click(),
			/signaleringsplan\?bewaard$/
		);
		await page.getByText('Je hebt 3 van de 15 vragen ingevuld.').waitFor();
		await checkScreen(page);

		// Read a part per screen: the red part holds what to do in a crisis.
		await follow(page, () => page.getByRole('link', { name: 'Je plan lezen' }).click(), /lezen$/);
		await page.getByText('Wandelen met de hond').waitFor();
		await checkScreen(page);
		for (let part = 2; part <= 4; part++)
			await follow(
				page,
				() => page.getByRole('link', { name: 'Volgende' }).click(),
				new RegExp(`deel=${part}$`)
			);
		await page.getByRole('heading', { name: 'Rood: crisis' }).waitFor();
		await page.getByText('Mijn zus Ria bellen').waitFor();
		await checkScreen(page);

		// The wallet card: the red actions, whom to call, the crisis numbers.
		await page.goto('/signaleringsplan/kaart');
		const card = await page.locator('.cards').innerText();
		expect(card).toContain('Mijn zus Ria bellen');
		expect(card).toContain('Tamara 010-1234567');
		expect(card).toContain('0800-0113');
		expect(card).toContain('112');
		await checkScreen(page);

		await page.goto('/signaleringsplan/versies');
		expect(await page.locator('.versions li').count()).toBe(1);
		await checkScreen(page);
		await context.close();
	});

	it('is built without JavaScript: each screen is a form that saves and goes on', async () => {
		const { context, page } = await open(bram, false);
		await page.goto('/signaleringsplan');
		await follow(page, () => page.getByRole('link', { name: 'Begin met je plan' }).click(), /sterke-kanten$/);
		await page.locator('#antwoord').fill('Muziek luisteren');
		await follow(page, () => page.getByRole('button', { name: 'Volgende' }).click(), /triggers$/);
		// Too long: refused with a message, and the text is still there.
		const long = 'x'.repeat(2001);
		await page.locator('#antwoord').evaluate((field, value) => {
			(field as HTMLTextAreaElement).removeAttribute('maxlength');
			(field as HTMLTextAreaElement).value = value;
		}, long);
		await page.getByRole('button', { name: 'Volgende' }).click();
		await page.getByText('Je antwoord is te lang').first().waitFor();
		expect(await page.locator('#antwoord').inputValue()).toBe(long);
		await page.goto('/signaleringsplan/lezen');
		await page.getByText('Muziek luisteren').waitFor();
		await context.close();
	});
});

describe('sharing the plan', () => {
	it(
		'with a naaste by email and by card; they see only the plan, and lose it at once when she stops',
		{ timeout: 180_000 },
		async () => {
			// What Ria will read (the first test typed it too; this test stands on its own).
			await savePlanAnswer(database.db, anna, 'rood-ik', { text: 'Mijn zus Ria bellen' });
			const { context, page } = await open(anna, true);
			await page.goto('/signaleringsplan/delen');
			await checkScreen(page);
			await follow(page, () => page.getByRole('link', { name: 'Iemand uitnodigen' }).click(), /uitnodigen$/);
			await checkScreen(page);
			await untilHydrated(page);
			const email = `ria.${Date.now()}@example.org`;
			await page.getByLabel('Naam van je naaste').fill('Ria, mijn zus');
			await page.getByLabel('E-mailadres van je naaste').fill(email);
			await page.getByRole('button', { name: 'Uitnodigen' }).click();
			await page.getByText(`De uitnodiging is verstuurd naar ${email}.`).waitFor();

			// Ria opens the link in the mail and signs in with the code it brings.
			const mail = await waitForMail(inject('mailDir'), email, /kaart\?code=/);
			expect(mail).toContain('Anna Plan deelt een plan met je');
			expect(mail).not.toContain('Mijn zus Ria bellen');
			const link = /https?:\/\/[^\s"<>]+\/kaart\?code=[0-9A-Z]{16}/.exec(mail)?.[0];
			expect(link).toBeDefined();
			const ria = await newContext(browser, { javaScript: true });
			const riaPage = await ria.newPage();
			await riaPage.goto(new URL(link!).pathname + new URL(link!).search);
			await untilHydrated(riaPage);
			await follow(riaPage, () => riaPage.getByRole('button', { name: 'Inloggen' }).click(), /\/naaste$/);
			await expectAccessible(riaPage);
			await follow(
				riaPage,
				() => riaPage.getByRole('link', { name: 'Anna Plan' }).click(),
				/\/naaste\/[0-9a-f-]{36}$/
			);
			await riaPage.getByText('Mijn zus Ria bellen').waitFor();
			expect(await riaPage.getByRole('heading', { name: 'Doel' }).count()).toBe(0);
			await expectAccessible(riaPage);
			const planPath = new URL(riaPage.url()).pathname;

			// Over HTTP: every participant, trainer, admin and API route refuses her.
			const cookie = (await ria.cookies()).map((one) => `${one.name}=${one.value}`).join('; ');
			const base = inject('baseUrl');
			const reached: string[] = [];
			for (const [id, entries] of Object.entries(accessTable)) {
				if (!/^\/\((participant|trainer|admin)\)|^\/api\//.test(id)) continue;
				for (const entry of entries) {
					const [method, target] = entry.request.split(' ') as [string, string];
					const response = await fetch(base + target, {
						method,
						redirect: 'manual',
						headers: {
							cookie,
							accept: 'text/html',
							origin: base,
							...(entry.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
						},
						body: entry.body ? new URLSearchParams(entry.body) : undefined
					});
					await response.body?.cancel();
					const refused = id.startsWith('/api/') ? [401, 403, 404] : [403];
					// The front door sends everyone who is not a participant to their own home.
					const ownHome = response.status === 303 && response.headers.get('location') === '/naaste';
					if (!refused.includes(response.status) && !ownHome)
						reached.push(`${entry.request} → ${response.status}`);
				}
			}
			expect(reached, 'routes a naaste reached').toEqual([]);

			// A card for a second naaste: the printed code signs Kees in.
			await page.goto('/signaleringsplan/delen/uitnodigen');
			await untilHydrated(page);
			await page.getByLabel('Naam van je naaste').fill('Kees, buurman');
			await page.getByLabel('Met een kaart die ik print en geef').check();
			await page.getByRole('button', { name: 'Uitnodigen' }).click();
			const code = (await page.locator('.invite-card .code').innerText()).trim();
			await expectAccessible(page);
			// Without JavaScript: the card's code typed on /kaart.
			const kees = await newContext(browser, { javaScript: false });
			const keesPage = await kees.newPage();
			await keesPage.goto('/kaart');
			await keesPage.getByLabel('Code van je kaart').fill(code);
			await follow(keesPage, () => keesPage.getByRole('button', { name: 'Inloggen' }).click(), /\/naaste$/);
			await keesPage.getByRole('link', { name: 'Anna Plan' }).waitFor();

			// Anna stops sharing with Ria (asked first): Ria's next request finds nothing.
			await page.goto('/signaleringsplan/delen');
			await untilHydrated(page);
			await page.getByRole('button', { name: 'Stop met delen met Ria, mijn zus' }).click();
			await page.getByRole('heading', { name: 'Stoppen met delen met Ria, mijn zus?' }).waitFor();
			await expectAccessible(page);
			await page.getByRole('button', { name: 'Ja, stop met delen' }).click();
			await page.getByText('Je deelt niet meer met deze persoon.').waitFor();
			const gone = await riaPage.goto(planPath);
			expect(gone?.status()).toBe(404);
			await riaPage.goto('/naaste');
			await riaPage.getByText('Er wordt nu niets met je gedeeld.').waitFor();

			// Kees ends the connection himself (asked first).
			await keesPage.getByRole('link', { name: 'Anna Plan' }).click();
			await follow(
				keesPage,
				() => keesPage.getByRole('link', { name: 'Verbinding verbreken' }).click(),
				/verbreken$/
			);
			await follow(
				keesPage,
				() => keesPage.getByRole('button', { name: 'Ja, verbreken' }).click(),
				/verbroken$/
			);
			await keesPage.getByText('Er wordt nu niets met je gedeeld.').waitFor();

			// Anna's own log names both naasten's reads.
			await page.goto('/logboek');
			const log = await page.locator('main').innerText();
			expect(log).toContain('las je signaleringsplan');
			await Promise.all([ria.close(), kees.close(), context.close()]);
		}
	);

	it('with the care team only when she switches it on: the trainer sees the plan exists, then reads it', async () => {
		const staff = await open(trainer, true);
		const planOf = `/trainer/groepen/${groupId}/voortgang/${anna.personId}`;
		await staff.page.goto(planOf);
		await staff.page.getByText('Het plan is niet gedeeld met de begeleiding.').waitFor();
		await expectAccessible(staff.page);
		expect((await staff.page.goto(`${planOf}/signaleringsplan`))?.status()).toBe(404);

		const { context, page } = await open(anna, false);
		await page.goto('/signaleringsplan/delen');
		await page.getByRole('button', { name: 'Mijn trainers mogen mijn plan lezen' }).click();
		await page.getByText('De trainers van je groep kunnen je plan lezen.').waitFor();

		await staff.page.goto(planOf);
		await follow(
			staff.page,
			() => staff.page.getByRole('link', { name: 'Het plan lezen (gedeeld met de begeleiding)' }).click(),
			/signaleringsplan$/
		);
		await staff.page.getByText('Mijn zus Ria bellen').waitFor();
		await expectAccessible(staff.page);
		await Promise.all([context.close(), staff.context.close()]);
	});
});
