/**
 * The access log as people meet it: a trainer's look at the group shows up in the participant's
 * "who viewed my data" screen and in the coordinator's log viewer, whose own use is logged too.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	demo,
	expectAccessible,
	expectFlatExplicit,
	launchBrowser,
	newContext,
	signIn,
	untilHydrated
} from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
	// The trainer looks at their group: a read of each participant's data.
	const context = await newContext(browser, { javaScript: false });
	const page = await context.newPage();
	await signIn(page, demo.trainer);
	await page.goto('/trainer');
	await context.close();
	// So does the peer expert, who trains the group too.
	const peerContext = await newContext(browser, { javaScript: false });
	const peer = await peerContext.newPage();
	await signIn(peer, demo.peerTrainer);
	await peer.goto('/trainer');
	await peerContext.close();
});

/** The log's text over its first pages (other tests add rows too), each page within the flat-explicit limits. */
async function logPages(page: Page, pages: number): Promise<string> {
	let text = '';
	for (let index = 0; index < pages; index++) {
		await expectFlatExplicit(page);
		text += await page.locator('main').innerText();
		const older = page.getByRole('link', { name: 'Oudere' });
		if ((await older.count()) === 0) break;
		await older.click();
		await page.waitForURL(`**pagina=${index + 2}`);
	}
	return text;
}
afterAll(async () => {
	await browser.close();
});

for (const javaScript of [true, false]) {
	describe(`participant, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
		it('finds from Help (via their account) who looked at their data, in plain words, and filters by period', async () => {
			// The trainer opens their start page: it shows Anna in the group list (and in who needs attention).
			const staff = await newContext(browser, { javaScript: true });
			const trainer = await staff.newPage();
			await signIn(trainer, demo.trainer);
			await trainer.goto('/trainer');
			await staff.close();

			const context = await newContext(browser, { javaScript });
			const page = await context.newPage();
			await signIn(page, demo.participant);
			await page.getByRole('link', { name: 'Hulp' }).click();
			await page.getByRole('link', { name: 'Je account en privacy' }).click();
			await page.getByRole('link', { name: 'Wie heeft mijn gegevens bekeken?' }).click();
			await page.waitForURL((url) => url.pathname === '/logboek');
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
				'Wie heeft mijn gegevens bekeken?'
			);
			if (javaScript) await expectAccessible(page);
			// Newest first, under their day; one person's repeats of one event that day make one line
			// ("09:02–14:05, 3 keer"). Other browser tests may have added later rows: look on the first pages.
			const rows = await logPages(page, 3);
			expect(rows).toContain(
				'Tom Trainer (trainer, Demo-organisatie Herstelpad) zag je naam in de deelnemerslijst van je groep.'
			);
			expect(rows).toMatch(/\d{2}:\d{2}(–\d{2}:\d{2})?, \d+ keer\s+Tom Trainer \(trainer/);
			expect(rows).toContain(
				'Esra Ervaringsdeskundige (ervaringsdeskundige, Demo-organisatie Herstelpad) zag'
			);

			await page.getByLabel('Vanaf (datum)').fill('2026-12-31');
			await page.getByLabel('Tot en met (datum)').fill('2026-01-01');
			await page.getByRole('button', { name: 'Toon' }).click();
			await expect
				.poll(() => page.locator('.error').first().textContent())
				.toBe('De einddatum ligt voor de begindatum.');
			if (javaScript) await expectAccessible(page);
			await context.close();
		});
	});
}

describe('coordinator', () => {
	it('finds a participant by name, filters the log in plain words, exports it as CSV, and both are logged', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, demo.coordinator);
		await page.getByRole('link', { name: 'Logboek' }).click();
		await page.waitForURL((url) => url.pathname === '/beheer/logboek');
		await expectAccessible(page);

		// No list of everyone: a search by name, then a link that sets the filter.
		await page.getByLabel('Zoek een deelnemer, medewerker of gebruiker op naam').fill('anna');
		await page.getByRole('button', { name: 'Zoeken' }).click();
		await page.waitForURL((url) => url.searchParams.get('zoek') === 'anna');
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Regels over Anna (demo)' }).click();
		await page.waitForURL((url) => url.searchParams.has('deelnemer'));
		expect(await page.getByText('Deelnemer: Anna (demo)').count()).toBe(1);
		// Other browser tests add rows for Anna too (her own and the trainer's): look in the whole table.
		expect(await page.locator('tbody').textContent()).toContain('Tom Trainer');
		expect(await page.locator('tbody').textContent()).toContain('Deelnemerslijst van een groep bekeken');
		expect(await page.locator('tbody').textContent()).not.toContain('group.participants.read');
		await expectAccessible(page);

		const href = await page.getByRole('link', { name: 'Download als CSV' }).getAttribute('href');
		expect(href).toMatch(/^\/beheer\/logboek\/export\?deelnemer=/);
		const csv = await page.request.get(href ?? '');
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const text = await csv.text();
		expect(text.split('\r\n')[0]).toBe(
			'id,recordedAt,eventType,description,action,outcome,actorName,actorRole,participantName,objectType,objectId,accessPoint'
		);
		expect(text).toContain('group.participants.read,Deelnemerslijst van een groep bekeken');
		expect(text).toContain('Anna (demo)');

		await page.reload();
		const body = await page.locator('tbody').textContent();
		expect(body).toContain('Logboek bekeken');
		expect(body).toContain('Logboek gedownload');
		await context.close();
	});

	it('shows failed sign-ins of its people with the reason, and a refusal with its page, without JavaScript too', async () => {
		const attempt = await (await newContext(browser, { javaScript: false })).newPage();
		await attempt.goto('/inloggen');
		await untilHydrated(attempt);
		await attempt.getByLabel('E-mailadres').fill(demo.peerTrainer);
		await attempt.getByLabel('Wachtwoord', { exact: true }).fill('niet-het-wachtwoord');
		await attempt.getByRole('button', { name: 'Inloggen', exact: true }).click();
		await attempt.getByText('Het e-mailadres of het wachtwoord klopt niet').first().waitFor();
		await attempt.context().close();
		// A trainer who opens a coordinator page is refused: the log says which page.
		const trainer = await (await newContext(browser, { javaScript: false })).newPage();
		await signIn(trainer, demo.trainer);
		expect((await trainer.goto('/beheer/mensen'))?.status()).toBe(403);
		await trainer.context().close();

		const page = await (await newContext(browser, { javaScript: false })).newPage();
		await signIn(page, demo.coordinator);
		await page.goto('/beheer/logboek?actie=E');
		const body = (await page.locator('tbody').textContent()) ?? '';
		expect(body).toContain('Inloggen mislukt: verkeerd wachtwoord');
		expect(body).not.toContain('niet-het-wachtwoord');
		await page.goto('/beheer/logboek?actie=R');
		expect(await page.locator('tbody').textContent()).toContain('Toegang geweigerd: pagina /beheer/mensen');
		await page.context().close();
	});

	it('a failed passkey and a broken single sign-on leave a row too, naming nobody', async () => {
		const db = new pg.Client({ connectionString: inject('appDatabaseUrl') });
		await db.connect();
		const reasons = async () =>
			(
				await db.query<{ object_id: string }>(
					`select object_id from audit_event where event_type = 'auth.sign_in_failed' and actor_person_id is null
					 order by chain_seq desc limit 1`
				)
			).rows[0]?.object_id;
		try {
			const page = await (await newContext(browser, { javaScript: false })).newPage();
			const passkey = await page.request.post('/inloggen/sleutel', {
				data: { step: 'verify', response: { id: 'geen-bekende-sleutel' } }
			});
			expect(passkey.status()).toBe(400);
			expect(await reasons()).toBe('passkey_failed');
			await page.goto('/inloggen/sso/terug?code=x&state=y');
			expect(new URL(page.url()).searchParams.get('probleem')).toBe('flow');
			expect(await reasons()).toBe('sso_flow');
			await page.context().close();
		} finally {
			await db.end();
		}
	});

	it('a trainer cannot open the log viewer or its export', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, demo.trainer);
		expect((await page.goto('/beheer/logboek'))?.status()).toBe(403);
		expect((await page.request.get('/beheer/logboek/export')).status()).toBe(403);
		await context.close();
	});
});
