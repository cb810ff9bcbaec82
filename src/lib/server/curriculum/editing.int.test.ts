import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { participantStep, saveStep } from './course';
import {
	contentOverview,
	draftModule,
	draftStep,
	groupVersions,
	moveGroupToNewest,
	publishDraft,
	startDraft,
	updateDraftModule,
	updateDraftStep
} from './editing';
import { importStarterCurricula } from './import';

let db: Db;
let coordinator: Actor;
let otherCoordinator: Actor;
let trainer: Actor;
let anna: Actor;
let group: { id: string };

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	const otherOrg = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	otherCoordinator = await buildPerson(db, { organisationId: otherOrg.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] });
	await importStarterCurricula(db, fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-editing-')));
});

describe('editing the curriculum in a new version', () => {
	it('edits a copy; groups keep their version until the trainer moves them on, with progress kept', async () => {
		await saveStep(anna, { moduleNumber: 1, key: '01-wat-is-herstel', finish: true }, db);
		expect(await draftStep(coordinator, 1, '01-wat-is-herstel', db)).toBeNull();
		expect(await startDraft(coordinator, db)).toBe(2);
		expect(await startDraft(coordinator, db)).toBe(2);
		const step = await draftStep(coordinator, 1, '01-wat-is-herstel', db);
		expect(step).toMatchObject({ draftNumber: 2, kind: 'text' });
		expect(await draftStep(otherCoordinator, 1, '01-wat-is-herstel', db)).toBeNull();

		await updateDraftStep(
			coordinator,
			1,
			'01-wat-is-herstel',
			{
				title: { nl: 'Herstel: wat is dat?', en: '' },
				body: { nl: 'Nieuwe **tekst**. <b>x</b>', en: '' },
				question: null
			},
			db
		);
		const overview = await contentOverview(coordinator, 'nl', db);
		expect(overview?.draft).toEqual({ number: 2 });
		expect(overview?.missing).toContainEqual({
			moduleNumber: 1,
			stepKey: '01-wat-is-herstel',
			title: 'Herstel: wat is dat?',
			missing: ['en']
		});

		// Not yet published: nothing changes for the group.
		expect(await groupVersions(trainer, group.id, db)).toMatchObject({ current: 1, newest: { number: 1 } });
		expect(await publishDraft(coordinator, db)).toBe(2);
		expect((await participantStep(anna, 1, '01-wat-is-herstel', 'nl', db))?.title).toBe('Wat is herstel?');

		// The trainer moves the group on: new text, English falls back to Dutch, progress kept.
		expect(await moveGroupToNewest(trainer, group.id, db)).toBe(2);
		expect(await moveGroupToNewest(trainer, group.id, db)).toBeNull();
		const now = await participantStep(anna, 1, '01-wat-is-herstel', 'en', db);
		expect(now?.title).toBe('Herstel: wat is dat?');
		expect(now?.bodyHtml).toBe('<p>Nieuwe <strong>tekst</strong>. &lt;b&gt;x&lt;/b&gt;</p>\n');
		expect(now?.done).toBe(true);
	});

	it('edits a module title and summary in the next draft; a missing English title is listed', async () => {
		expect(await draftModule(coordinator, 1, db)).toBeNull();
		expect(await startDraft(coordinator, db)).toBe(3);
		expect(
			await updateDraftModule(
				coordinator,
				1,
				{
					title: { nl: 'Herstel en doelen', en: '' },
					summary: { nl: 'Over herstel.', en: 'About recovery.' }
				},
				db
			)
		).toBe(true);
		expect(
			await updateDraftModule(
				otherCoordinator,
				1,
				{ title: { nl: 'x', en: 'x' }, summary: { nl: 'x', en: 'x' } },
				db
			)
		).toBe(false);
		const overview = await contentOverview(coordinator, 'en', db);
		expect(overview?.missing).toContainEqual({
			moduleNumber: 1,
			stepKey: null,
			title: 'Herstel en doelen',
			missing: ['en']
		});
	});
});
