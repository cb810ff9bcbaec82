import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { parseForm } from '../forms';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { participantModule, participantStep, saveStep } from './course';
import {
	addGroupItem,
	groupFileForActor,
	groupItemIdOf,
	groupItemInput,
	groupItemKey,
	removeGroupItem
} from './group-items';
import { importStarterCurricula } from './import';
import { groupProgress } from './tailoring';

let db: Db;
let trainer: Actor;
let otherTrainer: Actor;
let anna: Actor;
let bram: Actor;
let group: { id: string };

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] });
	await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer], participants: [bram] });
	await importStarterCurricula(db, fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-items-')));
});

/** The step key of an added item (the test fails when there is none). */
function keyOf(result: Awaited<ReturnType<typeof addGroupItem>>): string {
	if (!result || !('key' in result)) throw new Error(`not added: ${JSON.stringify(result)}`);
	return result.key;
}

const input = (values: Record<string, string>) => {
	const parsed = parseForm(groupItemInput, new URLSearchParams(values));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.data;
};

describe("a group's own items", () => {
	it('come after the module steps for that group only; exercises keep answers', async () => {
		const link = keyOf(
			await addGroupItem(
				trainer,
				group.id,
				1,
				input({
					soort: 'link',
					titel: 'Folder van de wijk',
					tekst: 'Lees dit thuis.',
					link: 'https://example.org/folder'
				}),
				null,
				db
			)
		);
		const exercise = keyOf(
			await addGroupItem(
				trainer,
				group.id,
				1,
				input({ soort: 'exercise', titel: 'Onze groepsvraag', vraag: 'Wat neem je mee?' }),
				null,
				db
			)
		);
		expect(
			await addGroupItem(
				otherTrainer,
				group.id,
				1,
				input({ soort: 'text', titel: 'x', tekst: 'y' }),
				null,
				db
			)
		).toBeNull();
		const module = await participantModule(anna, 1, 'nl', db);
		expect(module?.steps.slice(-2).map((s) => s.title)).toEqual(['Folder van de wijk', 'Onze groepsvraag']);
		const shown = await participantStep(anna, 1, link, 'nl', db);
		expect(shown?.bodyHtml).toContain(
			'<a href="https://example.org/folder" rel="noopener noreferrer external">'
		);
		expect((await participantStep(anna, 1, '05-deze-week', 'nl', db))?.next).toBe(link);
		expect(
			await saveStep(anna, { moduleNumber: 1, key: exercise, answer: 'Rust', finish: true }, db)
		).toEqual({ next: null });
		expect((await participantStep(anna, 1, exercise, 'nl', db))?.answer).toBe('Rust');
		expect(await participantStep(bram, 1, exercise, 'nl', db)).toBeNull();
		const grid = await groupProgress(trainer, group.id, 'nl', db);
		expect(grid?.participants[0]?.modules[1]).toEqual({ done: 1, total: 7 });

		expect(await removeGroupItem(otherTrainer, group.id, 1, link, db)).toBe(false);
		expect(await removeGroupItem(trainer, group.id, 1, link, db)).toBe(true);
		expect(await participantStep(anna, 1, link, 'nl', db)).toBeNull();
	});

	it('checks what a trainer fills in', () => {
		const errors = (values: Record<string, string>) => {
			const parsed = parseForm(groupItemInput, new URLSearchParams(values));
			return parsed.ok ? {} : parsed.errors;
		};
		expect(errors({ soort: 'link', titel: 'x', link: 'javascript:alert(1)' })).toEqual({
			link: 'url_invalid'
		});
		expect(errors({ soort: 'exercise', titel: 'x' })).toEqual({ vraag: 'question_required' });
		expect(errors({ soort: 'text', titel: '' })).toMatchObject({ titel: 'title_required' });
		expect(errors({ soort: 'poem', titel: 'x' })).toMatchObject({ soort: 'kind_required' });
		expect(groupItemIdOf(groupItemKey('0b9d2c1e-1234-4abc-8def-0123456789ab'))).toBe(
			'0b9d2c1e-1234-4abc-8def-0123456789ab'
		);
		expect(groupItemIdOf('01-wat-is-herstel')).toBeNull();
	});

	it('shares a PDF or picture, checked by its first bytes, with the group while the module is open', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-files-'));
		const pdf = new TextEncoder().encode('%PDF-1.4\n% Herstelpad test\n');
		const item = input({ soort: 'file', titel: 'Werkblad', tekst: 'Print dit.' });
		expect(await addGroupItem(trainer, group.id, 1, item, { file: null, dataDir }, db)).toEqual({
			error: 'file_required'
		});
		const html = new TextEncoder().encode('<html><script>alert(1)</script>');
		expect(
			await addGroupItem(trainer, group.id, 1, item, { file: { bytes: html, label: 'x.pdf' }, dataDir }, db)
		).toEqual({
			error: 'file_type'
		});
		const key = keyOf(
			await addGroupItem(
				trainer,
				group.id,
				1,
				item,
				{ file: { bytes: pdf, label: 'werkblad "1".pdf' }, dataDir },
				db
			)
		);
		const id = groupItemIdOf(key)!;
		const step = await participantStep(anna, 1, key, 'nl', db);
		expect(step?.bodyHtml).toContain(`<a href="/api/groepsbestand/${id}">werkblad 1.pdf (0.1 MB)</a>`);
		const file = await groupFileForActor(anna, id, db);
		expect(file).toMatchObject({ fileType: 'application/pdf', fileLabel: 'werkblad 1.pdf' });
		expect(fs.readFileSync(path.join(dataDir, 'media', file!.fileName!))).toEqual(Buffer.from(pdf));
		expect(await groupFileForActor(trainer, id, db)).not.toBeNull();
		expect(await groupFileForActor(bram, id, db)).toBeNull();
		expect(await groupFileForActor(otherTrainer, id, db)).toBeNull();
	});
});
