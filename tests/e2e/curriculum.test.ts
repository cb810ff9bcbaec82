/**
 * The course as participants and trainers meet it: reading module 1 to the end (with and without
 * JavaScript), leaving and coming back, the sample story with captions, read-aloud, text size, and
 * a trainer opening, closing and hiding parts for the demo group. Demo participants 2, 3 and 6 are
 * used only here, so other tests' changes do not matter.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	demo,
	expectAccessible,
	expectFlatExplicit,
	expectTallTargets,
	launchBrowser,
	newContext,
	signIn
} from './browser';

const reader = 'deelnemer2@demo.herstelpad.example';
const readerWithoutJs = 'deelnemer3@demo.herstelpad.example';
const watcher = 'deelnemer6@demo.herstelpad.example';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

async function expectStep(page: Page, position: string, title: string) {
	await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 10_000 });
	expect(await page.locator('.step-position').textContent()).toContain(position);
}

describe('reading a module', () => {
	it('a participant reads module 1 to the end, leaves halfway and comes back where they were', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, reader);
		await page.getByRole('link', { name: 'Alle modules' }).click();
		await page.waitForURL('**/modules');
		await expectFlatExplicit(page);
		await expectAccessible(page);
		expect(await page.locator('.module-list li').first().textContent()).toContain('Nieuw');
		expect(await page.locator('.module-list').textContent()).toContain('Nog niet open');

		await page.getByRole('link', { name: 'Herstel en jouw doelen' }).click();
		await page.waitForURL('**/modules/1');
		await expectFlatExplicit(page);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Beginnen' }).click();
		await expectStep(page, 'stap 1 van 5', 'Wat is herstel?');
		await expectFlatExplicit(page);
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Volgende' }).click();
		await expectStep(page, 'stap 2 van 5', 'Het verhaal van Sam');
		await expectFlatExplicit(page);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Volgende' }).click();

		// An exercise: the answer is saved while typing.
		await expectStep(page, 'stap 3 van 5', 'Wat geeft jou hoop?');
		await expectFlatExplicit(page);
		await expectAccessible(page);
		await page.locator('#answer').fill('Wandelen met mijn hond.');
		await page.getByText('Je antwoord is opgeslagen.').waitFor({ timeout: 10_000 });

		// Leave, and come back: the module says where to go on, and the answer is still there.
		await page.getByRole('link', { name: 'Home' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await page.goto('/modules/1');
		expect(await page.locator('main').textContent()).toContain('Wat is herstel? — klaar');
		await page.getByRole('link', { name: 'Verder met stap 3' }).click();
		await expectStep(page, 'stap 3 van 5', 'Wat geeft jou hoop?');
		expect(await page.locator('#answer').inputValue()).toBe('Wandelen met mijn hond.');

		await page.getByRole('button', { name: 'Volgende' }).click();
		await expectStep(page, 'stap 4 van 5', 'Vraag naar je sterke kanten');
		await page.getByRole('button', { name: 'Volgende' }).click();
		await expectStep(page, 'stap 5 van 5', 'Wat ga je deze week proberen?');
		await page.getByRole('link', { name: 'Vorige' }).click();
		await expectStep(page, 'stap 4 van 5', 'Vraag naar je sterke kanten');
		await page.getByRole('button', { name: 'Volgende' }).click();
		await page.locator('#answer').fill('Elke ochtend een kwartier buiten lopen.');
		await page.getByRole('button', { name: 'Klaar met de module' }).click();
		await page.waitForURL('**/modules/1?klaar');
		expect(await page.getByRole('status').textContent()).toContain('Je bent klaar met deze module.');
		await page.goto('/modules');
		expect(await page.locator('.module-list li').first().textContent()).toContain('Klaar');
		await context.close();
	});

	it('works the same without JavaScript: answers are saved with the button and on "next"', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, readerWithoutJs);
		await page.goto('/modules/1/03-wat-geeft-jou-hoop');
		await page.locator('#answer').fill('Mijn zus.');
		await page.getByRole('button', { name: 'Opslaan' }).click();
		expect(await page.getByRole('status').textContent()).toContain('Je antwoord is opgeslagen.');
		expect(await page.locator('#answer').inputValue()).toBe('Mijn zus.');
		// Too long: a clear message, and nothing typed is lost.
		const long = 'x'.repeat(4001);
		await page.locator('#answer').evaluate((field, text) => {
			field.removeAttribute('maxlength');
			(field as HTMLTextAreaElement).value = text;
		}, long);
		await page.getByRole('button', { name: 'Volgende' }).click();
		expect(await page.locator('.error-summary').textContent()).toContain('Je antwoord is te lang.');
		expect(await page.locator('#answer').inputValue()).toBe(long);
		await page.locator('#answer').fill('Mijn zus en mijn buurman.');
		await page.getByRole('button', { name: 'Volgende' }).click();
		await page.getByRole('heading', { level: 1, name: 'Vraag naar je sterke kanten' }).waitFor();
		await page.goto('/modules/1/03-wat-geeft-jou-hoop');
		expect(await page.locator('#answer').inputValue()).toBe('Mijn zus en mijn buurman.');
		// Larger text, remembered on the next page.
		await page.getByRole('button', { name: 'Grotere letters' }).click();
		expect(await page.locator('html').getAttribute('data-tekst')).toBe('groot');
		await page.goto('/modules');
		expect(await page.locator('html').getAttribute('data-tekst')).toBe('groot');
		await context.close();
	});

	it('reads a step aloud where the browser has a Dutch voice, and offers nothing where it has none', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, reader);
		await page.goto('/modules/1/01-wat-is-herstel', { waitUntil: 'networkidle' });
		const voices = await page.evaluate(
			() => speechSynthesis.getVoices().filter((v) => v.lang.startsWith('nl')).length
		);
		expect(await page.getByRole('button', { name: 'Lees voor' }).count()).toBe(voices > 0 ? 1 : 0);

		// A browser with a Dutch voice (Chromium here has none): the text of the step is spoken.
		await context.addInitScript(() => {
			const spoken: string[] = [];
			const voice = { lang: 'nl-NL', name: 'Test', localService: true, default: true, voiceURI: 'test' };
			Object.defineProperty(window, 'speechSynthesis', {
				value: {
					getVoices: () => [voice],
					speak: (utterance: SpeechSynthesisUtterance) => spoken.push(utterance.text),
					cancel: () => undefined,
					addEventListener: () => undefined,
					removeEventListener: () => undefined
				}
			});
			Object.assign(window, { spoken });
		});
		await page.reload({ waitUntil: 'networkidle' });
		await page.getByRole('button', { name: 'Lees voor' }).click();
		const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.join(' '));
		expect(spoken).toContain('Wat is herstel?');
		expect(await page.getByRole('button', { name: 'Stop met voorlezen' }).getAttribute('aria-pressed')).toBe(
			'true'
		);
		await context.close();
	});

	it('plays the sample story with captions on by default and the transcript below', async () => {
		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		await signIn(page, watcher);
		await page.goto('/modules/1/02-het-verhaal-van-sam', { waitUntil: 'networkidle' });
		const video = page.locator('video');
		await page.waitForFunction(() => {
			const track = document.querySelector('video')?.textTracks[0];
			return track?.mode === 'showing' && (track.cues?.length ?? 0) > 0;
		});
		expect(await video.evaluate((v: HTMLVideoElement) => v.textTracks[0]?.language)).toBe('nl');
		// The first play is counted for the use figures: only its kind is sent.
		const counted = page.waitForRequest(
			(request) =>
				request.method() === 'POST' &&
				request.url().endsWith('/api/gebruik') &&
				request.postData() === 'soort=video_started'
		);
		await page.getByRole('button', { name: 'Afspelen' }).click();
		await counted;
		expect(await page.getByRole('button', { name: 'Pauze' }).getAttribute('aria-pressed')).toBe('true');
		await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5, null, {
			timeout: 15_000
		});
		await page.getByRole('button', { name: 'Pauze' }).click();
		await page.locator('.transcript summary').click();
		expect(await page.locator('.transcript').textContent()).toContain('Sam is geen echte persoon');
		await expectAccessible(page);
		await context.close();
	});
});

describe('tailoring the course', () => {
	it('a trainer opens module 2, hides a step, closes the module (with undo); the participant sees each change', async () => {
		const trainerContext = await newContext(browser, { javaScript: true });
		const trainer = await trainerContext.newPage();
		await signIn(trainer, demo.trainer);
		await trainer.getByRole('link', { name: 'Cursus aanpassen' }).click();
		await trainer.waitForURL('**/cursus');
		await expectAccessible(trainer);
		await trainer.getByRole('button', { name: 'Module 2: Open' }).click();
		await trainer.getByText('Module 2 staat nu op ‘Open’.').waitFor();
		// Each post redirects to the page's own address, its notice named in the query.
		expect(new URL(trainer.url()).search).toMatch(/^\?gewijzigd=2&vorige=(open|coming|closed)$/);
		const courseUrl = trainer.url().split('?')[0]!;

		const participantContext = await newContext(browser, { javaScript: true });
		const participant = await participantContext.newPage();
		await signIn(participant, watcher);
		await participant.goto('/modules/2');
		await participant.getByRole('link', { name: 'Beginnen' }).waitFor();
		expect(await participant.locator('.steps li').count()).toBe(5);

		// Hide a step: the participant's module has one step less.
		await trainer.getByRole('link', { name: 'Stappen van module 2' }).click();
		await trainer.getByRole('button', { name: 'Vooroordelen over psychische ziekte verbergen' }).click();
		await trainer.getByText('‘Vooroordelen over psychische ziekte’ is verborgen voor de groep.').waitFor();
		await expectAccessible(trainer);
		await expectTallTargets(trainer);
		await participant.reload();
		expect(await participant.locator('.steps li').count()).toBe(4);
		await trainer.getByRole('button', { name: 'Ongedaan maken' }).click();
		await trainer.getByText('‘Vooroordelen over psychische ziekte’ is weer te zien.').waitFor();

		// The group's own exercise: added after the steps, then removed after a confirmation.
		await trainer.getByRole('radio', { name: 'Oefening' }).check();
		await trainer.getByLabel('Titel', { exact: true }).fill('Onze groepsvraag');
		await trainer.getByRole('button', { name: 'Toevoegen' }).click();
		expect(await trainer.locator('.error-summary').textContent()).toContain('Vul een vraag in.');
		expect(await trainer.getByLabel('Titel', { exact: true }).inputValue()).toBe('Onze groepsvraag');
		await trainer.getByLabel(/Vraag aan de deelnemers/).fill('Wat neem je mee uit de groep?');
		await trainer.getByRole('button', { name: 'Toevoegen' }).click();
		await trainer.getByText('‘Onze groepsvraag’ is toegevoegd aan module 2.').waitFor();
		expect(new URL(trainer.url()).search).toMatch(/^\?toegevoegd=eigen-[0-9a-f]{32}$/);
		await expectAccessible(trainer);
		await participant.reload();
		expect(await participant.locator('.steps li').count()).toBe(6);
		expect(await participant.locator('.steps li').last().textContent()).toContain('Onze groepsvraag');
		await trainer.getByRole('button', { name: 'Onze groepsvraag verwijderen' }).click();
		await trainer.getByRole('button', { name: 'Ja, verwijderen' }).click();
		await trainer.getByText('‘Onze groepsvraag’ is verwijderd.').waitFor();
		await participant.reload();
		expect(await participant.locator('.steps li').count()).toBe(5);

		// A file for the group: checked by its first bytes; participants open it from the step.
		await trainer.getByRole('radio', { name: 'Bestand' }).check();
		await trainer.getByLabel('Titel', { exact: true }).fill('Werkblad');
		await trainer.getByLabel(/Tekst \(Markdown\)/).fill('Print dit werkblad.');
		const fileInput = trainer.getByLabel(/Bestand \(bij een bestand\)/);
		await fileInput.setInputFiles({
			name: 'werkblad.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from('<html>nep</html>')
		});
		await trainer.getByRole('button', { name: 'Toevoegen' }).click();
		await trainer.getByText('Dit bestand kan niet. Kies een PDF, PNG of JPEG.').first().waitFor();
		expect(await trainer.getByLabel('Titel', { exact: true }).inputValue()).toBe('Werkblad');
		await fileInput.setInputFiles({
			name: 'werkblad.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from('%PDF-1.4\n%test\n')
		});
		await trainer.getByRole('button', { name: 'Toevoegen' }).click();
		await trainer.getByText('‘Werkblad’ is toegevoegd aan module 2.').waitFor();
		expect(await trainer.locator('.step-list li', { hasText: 'Werkblad' }).textContent()).toContain('· PDF');
		await participant.reload();
		await participant.getByRole('link', { name: 'Beginnen' }).waitFor();
		const fileStep = await participant.evaluate(() =>
			[...document.querySelectorAll('.steps li')].findIndex((li) => li.textContent?.includes('Werkblad'))
		);
		expect(fileStep).toBe(5);
		const key = await trainer.locator('input[name=stap][value^="eigen-"]').first().getAttribute('value');
		await participant.goto(`/modules/2/${key}`);
		const href = await participant.getByRole('link', { name: 'werkblad.pdf (0.1 MB)' }).getAttribute('href');
		const download = await participant.request.get(href!);
		expect(download.status()).toBe(200);
		expect(download.headers()['content-type']).toBe('application/pdf');
		await trainer.getByRole('button', { name: 'Werkblad verwijderen' }).click();
		await trainer.getByRole('button', { name: 'Ja, verwijderen' }).click();
		await trainer.getByText('‘Werkblad’ is verwijderd.').waitFor();

		// Close the module: it disappears for the participant; undo brings it back.
		await trainer.goto(courseUrl);
		await trainer.getByRole('button', { name: 'Module 2: Dicht' }).click();
		await trainer.getByText('Module 2 staat nu op ‘Dicht’.').waitFor();
		const closed = await participant.goto('/modules/2');
		expect(closed?.status()).toBe(404);
		await participant.goto('/modules');
		expect(await participant.locator('main').textContent()).not.toContain('Feiten over psychische ziekten');
		await trainer.getByRole('button', { name: 'Ongedaan maken' }).click();
		await trainer.getByText('Module 2 staat nu op ‘Open’.').waitFor();
		expect((await participant.goto('/modules/2'))?.status()).toBe(200);

		// Link the module to a session date.
		await trainer.getByLabel('Datum voor module 2').fill('2026-12-03');
		await trainer
			.getByRole('row', { name: /Module 2:/ })
			.getByRole('button', { name: 'Datum opslaan' })
			.click();
		await trainer.getByText('De datum van module 2 is opgeslagen.').waitFor();
		expect(trainer.url()).toBe(`${courseUrl}?datum=2`);

		// Back to how the demo starts: module 2 coming, shown with its date.
		await trainer.getByRole('button', { name: 'Module 2: Binnenkort' }).click();
		await trainer.getByText('Module 2 staat nu op ‘Binnenkort’.').waitFor();
		await participant.goto('/modules?pagina=1');
		expect(await participant.locator('main').textContent()).toContain('Open vanaf donderdag 3 december 2026');

		// Progress in words, and the reads are in the access log.
		await trainer.goto(courseUrl.replace(/cursus$/, 'voortgang'));
		await expectAccessible(trainer);
		expect(await trainer.locator('main').textContent()).toMatch(/\d+ van \d+ hebben module 1 af/);
		await trainer
			.getByRole('link', { name: /Antwoorden van / })
			.first()
			.click();
		await trainer.getByRole('heading', { level: 1, name: /Antwoorden van / }).waitFor();
		await expectAccessible(trainer);
		await trainerContext.close();
		await participantContext.close();
	});
});

describe('editing the content', () => {
	it('a coordinator edits a Dutch text in a new version; the participant sees it once the trainer moves the group on', async () => {
		const added = 'Herstel gaat in je eigen tempo.';
		// The group has started the course (a group that never opened it starts on the newest version).
		const participantContext = await newContext(browser, { javaScript: false });
		const participant = await participantContext.newPage();
		await signIn(participant, watcher);
		await participant.goto('/modules/1/01-wat-is-herstel');
		const coordinatorContext = await newContext(browser, { javaScript: true });
		const coordinator = await coordinatorContext.newPage();
		await signIn(coordinator, demo.coordinator);
		await coordinator.getByRole('link', { name: 'Inhoud', exact: true }).click();
		await coordinator.waitForURL('**/beheer/inhoud');
		await expectAccessible(coordinator);
		// Another test may have made the draft already.
		const make = coordinator.getByRole('button', { name: 'Nieuwe versie maken' });
		if ((await make.count()) > 0) await make.click();
		await coordinator.getByText(/Je bewerkt versie \d+/).waitFor();
		await coordinator.getByRole('link', { name: 'Wat is herstel? bewerken' }).click();
		await coordinator.waitForURL('**/beheer/inhoud/stap/1/01-wat-is-herstel');
		const text = coordinator.getByLabel('Tekst (Nederlands), in Markdown');
		await text.fill(`${await text.inputValue()}\n\n${added}`);
		await coordinator.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
		await coordinator.getByRole('region', { name: 'Voorbeeld (Nederlands)' }).getByText(added).waitFor();
		await expectAccessible(coordinator);
		await coordinator.getByRole('button', { name: 'Opslaan' }).click();
		await coordinator.getByText(/De stap is opgeslagen in versie \d+/).waitFor();

		await coordinator.getByRole('link', { name: 'Terug naar de inhoud' }).click();
		await coordinator
			.getByRole('link', { name: 'Titel en samenvatting bewerken: module 1', exact: true })
			.click();
		await coordinator.getByLabel('Titel (Engels)').waitFor();
		await expectAccessible(coordinator);
		await coordinator.getByRole('link', { name: 'Terug naar de inhoud' }).click();
		const publish = coordinator.getByRole('button', { name: /Versie \d+ publiceren/ });
		await publish.click();
		await coordinator.getByText('Vink eerst aan dat je het zeker weet.').first().waitFor();
		await coordinator.getByLabel(/Ik heb de teksten nagekeken/).check();
		await publish.click();
		await coordinator.getByText(/Versie \d+ is gepubliceerd\./).waitFor();

		await participant.reload();
		expect(await participant.locator('.step-body').textContent()).not.toContain(added);

		const trainerContext = await newContext(browser, { javaScript: false });
		const trainer = await trainerContext.newPage();
		await signIn(trainer, demo.trainer);
		await trainer.getByRole('link', { name: 'Cursus aanpassen' }).click();
		await trainer.getByRole('button', { name: /Overstappen naar versie \d+/ }).click();
		await trainer.getByText(/De groep volgt nu versie \d+\./).waitFor();

		await participant.reload();
		expect(await participant.locator('.step-body').textContent()).toContain(added);
		await coordinatorContext.close();
		await participantContext.close();
		await trainerContext.close();
	});
});
