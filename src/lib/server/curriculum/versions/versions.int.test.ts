import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { Forbidden, NotFound } from '../../errors';
import { publishDraft, startDraft, updateDraftModule, updateDraftStep } from '../editing/commands';
import { importStarterCurriculum } from '../import';
import { CHANGES_PER_PAGE, curriculumComparison, curriculumVersionView } from './queries';

let db: Db;
let coordinator: Actor;
let trainer: Actor;
let otherCoordinator: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-versions-'));
	const org = await buildOrganisation(db);
	await importStarterCurriculum(db, dataDir, org.id);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	const elsewhere = await buildOrganisation(db);
	await importStarterCurriculum(db, dataDir, elsewhere.id);
	otherCoordinator = await buildPerson(db, { organisationId: elsewhere.id, role: 'coordinator' });
	await startDraft(db, coordinator);
	await updateDraftStep(db, coordinator, 1, '01-wat-is-herstel', {
		title: { nl: 'Herstel: wat is dat?', en: 'What is recovery?' },
		body: { nl: 'Nieuwe tekst.', en: '' },
		question: null
	});
	await updateDraftModule(db, coordinator, 2, {
		title: { nl: 'De feiten', en: 'The facts' },
		summary: { nl: 'Over de feiten.', en: 'About the facts.' }
	});
	await publishDraft(db, coordinator);
});

describe('published versions', () => {
	it('shows one version read-only, a module at a time, with the sample video in its step', async () => {
		const view = await curriculumVersionView(db, coordinator, 1, null, 'nl');
		expect(view.version.number).toBe(1);
		expect(view.versions.map((version) => version.number)).toEqual([2, 1]);
		expect(view.modules.length).toBeGreaterThan(2);
		expect(view.module.number).toBe(1);
		expect(view.module.steps[0]).toMatchObject({ key: '01-wat-is-herstel', title: 'Wat is herstel?' });
		expect(view.module.steps.find((step) => step.video)?.video).toMatchObject({ captions: ['nl', 'en'] });
		const newer = await curriculumVersionView(db, coordinator, 2, 1, 'nl');
		expect(newer.module.steps[0]).toMatchObject({
			title: 'Herstel: wat is dat?',
			bodyHtml: '<p>Nieuwe tekst.</p>\n'
		});
		expect((await curriculumVersionView(db, coordinator, 2, 2, 'en')).module.title).toBe('The facts');
	});

	it('compares two versions: what changed, each text before and after', async () => {
		const comparison = await curriculumComparison(db, coordinator, null, null, 1, 'nl');
		expect([comparison.from.number, comparison.to.number]).toEqual([1, 2]);
		expect(comparison.total).toBe(2);
		expect(comparison.changes).toEqual([
			{
				kind: 'step_changed',
				moduleNumber: 1,
				stepKey: '01-wat-is-herstel',
				title: { nl: 'Herstel: wat is dat?', en: 'What is recovery?' },
				fields: [
					{ field: 'title', language: 'nl', before: 'Wat is herstel?', after: 'Herstel: wat is dat?' },
					expect.objectContaining({ field: 'body', language: 'nl', after: 'Nieuwe tekst.' }),
					expect.objectContaining({ field: 'body', language: 'en', after: '' })
				]
			},
			expect.objectContaining({ kind: 'module_changed', moduleNumber: 2 })
		]);
		expect((await curriculumComparison(db, coordinator, 2, 2, 1, 'nl')).total).toBe(0);
	});

	it('keeps each page of a comparison bounded', async () => {
		// From version 2 back to 1 in the other direction, with a page past the last.
		const back = await curriculumComparison(db, coordinator, 2, 1, 99, 'nl');
		expect(back.page).toBe(back.pages);
		expect(back.changes.length).toBeLessThanOrEqual(CHANGES_PER_PAGE);
	});

	it('knows only versions of the organisation, and only coordinators read them', async () => {
		await expect(curriculumVersionView(db, coordinator, 9, null, 'nl')).rejects.toThrow(NotFound);
		await expect(curriculumVersionView(db, coordinator, 1, 42, 'nl')).rejects.toThrow(NotFound);
		await expect(curriculumVersionView(db, otherCoordinator, 2, null, 'nl')).rejects.toThrow(NotFound);
		await expect(curriculumComparison(db, otherCoordinator, 1, 2, 1, 'nl')).rejects.toThrow(NotFound);
		await expect(curriculumVersionView(db, trainer, 1, null, 'nl')).rejects.toThrow(Forbidden);
		await expect(curriculumComparison(db, trainer, 1, 2, 1, 'nl')).rejects.toThrow(Forbidden);
	});
});
