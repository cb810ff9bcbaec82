import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { NotFound } from '../../errors';
import { participantStep } from '../course/queries';
import { saveStep } from '../course/commands';
import { contentOverview, draftModule, draftStep, groupVersions } from './queries';
import { moveGroupToNewest, publishDraft, startDraft, updateDraftModule, updateDraftStep } from './commands';
import { importStarterCurricula } from '../import';

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
		await saveStep(db, anna, { moduleNumber: 1, key: '01-wat-is-herstel', finish: true });
		await expect(draftStep(db, coordinator, 1, '01-wat-is-herstel')).rejects.toThrow(NotFound);
		expect(await startDraft(db, coordinator)).toBe(2);
		expect(await startDraft(db, coordinator)).toBe(2);
		const step = await draftStep(db, coordinator, 1, '01-wat-is-herstel');
		expect(step).toMatchObject({ draftNumber: 2, kind: 'text' });
		await expect(draftStep(db, otherCoordinator, 1, '01-wat-is-herstel')).rejects.toThrow(NotFound);

		await updateDraftStep(db, coordinator, 1, '01-wat-is-herstel', {
			title: { nl: 'Herstel: wat is dat?', en: '' },
			body: { nl: 'Nieuwe **tekst**. <b>x</b>', en: '' },
			question: null
		});
		const overview = await contentOverview(db, coordinator, 'nl');
		expect(overview?.draft).toEqual({ number: 2 });
		expect(overview?.missing).toContainEqual({
			moduleNumber: 1,
			stepKey: '01-wat-is-herstel',
			title: 'Herstel: wat is dat?',
			missing: ['en']
		});

		// Not yet published: nothing changes for the group.
		expect(await groupVersions(db, trainer, group.id)).toMatchObject({ current: 1, newest: { number: 1 } });
		expect(await publishDraft(db, coordinator)).toBe(2);
		expect((await participantStep(db, anna, 1, '01-wat-is-herstel', 'nl'))?.title).toBe('Wat is herstel?');

		// The trainer moves the group on: new text, English falls back to Dutch, progress kept.
		expect(await moveGroupToNewest(db, trainer, group.id)).toBe(2);
		// A second click (a double submit) changes nothing and says where the group is.
		expect(await moveGroupToNewest(db, trainer, group.id)).toBe(2);
		const now = await participantStep(db, anna, 1, '01-wat-is-herstel', 'en');
		expect(now?.title).toBe('Herstel: wat is dat?');
		expect(now?.bodyHtml).toBe('<p>Nieuwe <strong>tekst</strong>. &lt;b&gt;x&lt;/b&gt;</p>\n');
		expect(now?.done).toBe(true);
	});

	it('edits a module title and summary in the next draft; a missing English title is listed', async () => {
		await expect(draftModule(db, coordinator, 1)).rejects.toThrow(NotFound);
		expect(await startDraft(db, coordinator)).toBe(3);
		await updateDraftModule(db, coordinator, 1, {
			title: { nl: 'Herstel en doelen', en: '' },
			summary: { nl: 'Over herstel.', en: 'About recovery.' }
		});
		await expect(
			updateDraftModule(db, otherCoordinator, 1, {
				title: { nl: 'x', en: 'x' },
				summary: { nl: 'x', en: 'x' }
			})
		).rejects.toThrow(NotFound);
		const overview = await contentOverview(db, coordinator, 'en');
		expect(overview?.missing).toContainEqual({
			moduleNumber: 1,
			stepKey: null,
			title: 'Herstel en doelen',
			missing: ['en']
		});
	});
});
