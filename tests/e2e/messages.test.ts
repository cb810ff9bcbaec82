/**
 * Messages between a participant and the trainers: the participant writes (JavaScript off), the
 * trainer sees it under "Who needs attention", answers, and the participant gets an email without
 * the message in it and reads the answer; the peer expert answers too and is marked as one. Demo
 * participant 7 (Gijs).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitForMail } from '../helpers/mail';
import { demo, expectAccessible, expectFlatExplicit, launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

const gijs = 'deelnemer7@demo.herstelpad.example';

describe('messages', () => {
	it('a participant writes to the trainers, a trainer answers, the participant reads it', async () => {
		const own = await newContext(browser, { javaScript: false });
		const participant = await own.newPage();
		await signIn(participant, gijs);
		await participant.getByRole('link', { name: 'Berichten', exact: true }).click();
		await participant.waitForURL('**/berichten');
		await expectFlatExplicit(participant);
		await participant.getByRole('button', { name: 'Versturen' }).click(); // empty: the browser asks first
		await participant.getByLabel('Jouw bericht').fill('Ik kan de video van Sam niet afspelen.');
		await participant.getByRole('button', { name: 'Versturen' }).click();
		await participant.waitForURL('**/berichten?verstuurd');
		expect(await participant.locator('main').textContent()).toContain(
			'Ik kan de video van Sam niet afspelen.'
		);

		const staff = await newContext(browser, { javaScript: true });
		const trainer = await staff.newPage();
		await signIn(trainer, demo.trainer);
		await trainer.goto('/trainer');
		const entry = trainer
			.locator('section', { has: trainer.getByRole('heading', { name: 'Wie heeft aandacht nodig' }) })
			.getByRole('listitem')
			.filter({ hasText: 'Gijs (demo)' })
			.first();
		expect(await entry.textContent()).toContain('Heeft een bericht gestuurd.');
		await entry.getByRole('link', { name: 'Bericht lezen' }).click();
		await trainer.getByRole('heading', { level: 1, name: 'Berichten met Gijs (demo)' }).waitFor();
		await expectAccessible(trainer);
		await trainer
			.getByLabel('Jouw bericht')
			.fill('Probeer het op de computer in de groep, dan kijken we samen.');
		await trainer.getByRole('button', { name: 'Versturen' }).click();
		await trainer.waitForURL('**?verstuurd');
		expect(await trainer.locator('.thread').textContent()).toContain('Tom Trainer');
		const threadUrl = trainer.url().split('?')[0]!;
		await trainer.getByRole('link', { name: /Terug naar de berichten/ }).click();
		await trainer.waitForURL('**/berichten');
		await expectAccessible(trainer);
		await staff.close();

		// The peer expert answers too, and is marked as one in the thread.
		const peerContext = await newContext(browser, { javaScript: true });
		const peer = await peerContext.newPage();
		await signIn(peer, demo.peerTrainer);
		await peer.goto(threadUrl);
		await peer.getByLabel('Jouw bericht').fill('Ik had dat ook eens, het komt goed.');
		await peer.getByRole('button', { name: 'Versturen' }).click();
		await peer.waitForURL('**?verstuurd');
		expect(await peer.locator('.thread').textContent()).toContain(
			'Esra Ervaringsdeskundige (ervaringsdeskundige) · '
		);
		expect(await peer.locator('.thread').textContent()).not.toContain('Tom Trainer (ervaringsdeskundige)');
		await expectAccessible(peer);
		await peerContext.close();

		const mail = await waitForMail(inject('mailDir'), gijs, /nieuw bericht/);
		expect(mail).toContain('Subject: Je hebt een nieuw bericht in Herstelpad');
		expect(mail).not.toContain('computer in de groep');

		await participant.goto('/');
		await participant.getByRole('link', { name: 'Berichten (2 nieuw)' }).click();
		expect(await participant.locator('.thread').textContent()).toContain('Tom Trainer');
		expect(await participant.locator('.thread').textContent()).toContain(
			'Esra Ervaringsdeskundige (ervaringsdeskundige)'
		);
		expect(await participant.locator('.thread').textContent()).toContain('Probeer het op de computer');
		await participant.goto('/');
		expect(await participant.getByRole('link', { name: 'Berichten', exact: true }).count()).toBe(1);
		await own.close();
	});
});
