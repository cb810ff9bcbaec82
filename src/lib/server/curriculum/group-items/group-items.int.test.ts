import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { parseForm } from '../../forms';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { NotFound } from '../../errors';
import { participantModule, participantStep } from '../course/queries';
import { saveStep } from '../course/commands';
import { addGroupItem, removeGroupItem } from './commands';
import { groupFileForActor } from './queries';
import { groupItemIdOf, groupItemKey } from './step-key';
import { groupItemInput } from '../schema';
import { importStarterCurricula } from '../import';
import { groupCourseForTrainer, groupProgress } from '../tailoring/queries';

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
	if (!('key' in result)) throw new Error(`not added: ${JSON.stringify(result)}`);
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
				db,
				trainer,
				group.id,
				1,
				input({
					kind: 'link',
					title: 'Folder van de wijk',
					text: 'Lees dit thuis.',
					url: 'https://example.org/folder'
				}),
				null
			)
		);
		const exercise = keyOf(
			await addGroupItem(
				db,
				trainer,
				group.id,
				1,
				input({ kind: 'exercise', title: 'Onze groepsvraag', question: 'Wat neem je mee?' }),
				null
			)
		);
		await expect(
			addGroupItem(db, otherTrainer, group.id, 1, input({ kind: 'text', title: 'x', text: 'y' }), null)
		).rejects.toThrow(NotFound);
		const module = await participantModule(db, anna, 1, 'nl');
		expect(module?.steps.slice(-2).map((s) => s.title)).toEqual(['Folder van de wijk', 'Onze groepsvraag']);
		const shown = await participantStep(db, anna, 1, link, 'nl');
		expect(shown?.bodyHtml).toContain(
			'<a href="https://example.org/folder" rel="noopener noreferrer external">'
		);
		expect((await participantStep(db, anna, 1, '05-deze-week', 'nl'))?.next).toBe(link);
		expect(
			await saveStep(db, anna, { moduleNumber: 1, key: exercise, answer: 'Rust', finish: true })
		).toEqual({ next: null });
		expect((await participantStep(db, anna, 1, exercise, 'nl'))?.answer).toBe('Rust');
		await expect(participantStep(db, bram, 1, exercise, 'nl')).rejects.toThrow(NotFound);
		const grid = await groupProgress(db, trainer, group.id, 'nl');
		expect(grid?.participants[0]?.modules[1]).toEqual({ done: 1, total: 7 });

		await expect(removeGroupItem(db, otherTrainer, group.id, 1, link)).rejects.toThrow(NotFound);
		await removeGroupItem(db, trainer, group.id, 1, link);
		await expect(participantStep(db, anna, 1, link, 'nl')).rejects.toThrow(NotFound);
	});

	it('checks what a trainer fills in', () => {
		const errors = (values: Record<string, string>) => {
			const parsed = parseForm(groupItemInput, new URLSearchParams(values));
			return parsed.ok ? {} : parsed.errors;
		};
		expect(errors({ kind: 'link', title: 'x', url: 'javascript:alert(1)' })).toEqual({
			url: 'url_invalid'
		});
		expect(errors({ kind: 'exercise', title: 'x' })).toEqual({ question: 'question_required' });
		expect(errors({ kind: 'text', title: '' })).toMatchObject({ title: 'title_required' });
		expect(errors({ kind: 'poem', title: 'x' })).toMatchObject({ kind: 'kind_required' });
		expect(groupItemIdOf(groupItemKey('0b9d2c1e-1234-4abc-8def-0123456789ab'))).toBe(
			'0b9d2c1e-1234-4abc-8def-0123456789ab'
		);
		expect(groupItemIdOf('01-wat-is-herstel')).toBeNull();
	});

	it('shares a PDF or picture, checked by its first bytes, with the group while the module is open', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-files-'));
		const pdf = new TextEncoder().encode('%PDF-1.4\n% Herstelpad test\n');
		const item = input({ kind: 'file', title: 'Werkblad', text: 'Print dit.' });
		expect(await addGroupItem(db, trainer, group.id, 1, item, { file: null, dataDir })).toEqual({
			error: 'file_required'
		});
		const html = new TextEncoder().encode('<html><script>alert(1)</script>');
		expect(
			await addGroupItem(db, trainer, group.id, 1, item, { file: { bytes: html, label: 'x.pdf' }, dataDir })
		).toEqual({
			error: 'file_type'
		});
		const key = keyOf(
			await addGroupItem(db, trainer, group.id, 1, item, {
				file: { bytes: pdf, label: 'werkblad "1".pdf' },
				dataDir
			})
		);
		const id = groupItemIdOf(key)!;
		const step = await participantStep(db, anna, 1, key, 'nl');
		expect(step?.bodyHtml).toContain(`<a href="/api/groepsbestand/${id}">werkblad 1.pdf (0.1 MB)</a>`);
		const file = await groupFileForActor(db, anna, id);
		expect(file).toMatchObject({ fileType: 'application/pdf', fileLabel: 'werkblad 1.pdf' });
		expect(fs.readFileSync(path.join(dataDir, 'media', file!.fileName!))).toEqual(Buffer.from(pdf));
		expect(await groupFileForActor(db, trainer, id)).toMatchObject({ fileType: 'application/pdf' });
		// The trainer's list names it as a PDF, not as text.
		const steps = (await groupCourseForTrainer(db, trainer, group.id, 'nl')).modules.flatMap((m) => m.steps);
		expect(steps.find((candidate) => candidate.key === key)?.kind).toBe('pdf');
		await expect(groupFileForActor(db, bram, id)).rejects.toThrow(NotFound);
		await expect(groupFileForActor(db, otherTrainer, id)).rejects.toThrow(NotFound);
	});
});
