/**
 * The printed workbook, read back (issue 18, proof): the PDF is parsed with pdfjs-dist as a reader
 * would — its texts in Dutch and in English, a sensible number of pages, large print really larger,
 * the chart a figure with its alt text and its figures as a table — and poppler's pdfinfo says it is
 * tagged (Debian poppler-utils; .ci/run installs it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPlan } from '$lib/domain/plan';
import type { WorkbookContent } from './content';
import { renderWorkbook } from './render';

/** A year of weekly check-ins from 6 January 2025, closeness going round 1–5. */
const checkIns = Array.from({ length: 52 }, (_, week) => ({
	weekStart: new Date(Date.UTC(2025, 0, 6 + 7 * week)).toISOString().slice(0, 10),
	worked: (['yes', 'a_bit', 'not_yet'] as const)[week % 3]!,
	closeness: 1 + (week % 5)
}));

function content(locale: 'nl' | 'en'): WorkbookContent {
	const nl = locale === 'nl';
	return {
		locale,
		participant: { id: '00000000-0000-4000-8000-000000000001', name: 'Anna Jansen' },
		group: { name: 'Herstelgroep Zuid' },
		printedAt: new Date('2026-03-02T10:00:00Z'),
		printedBy: 'Tamara Trainer',
		goals: [
			{
				lifeArea: 'health',
				text: 'Elke week zwemmen',
				why: 'Dan slaap ik beter',
				status: 'active',
				isCurrent: true,
				addedBy: null,
				steps: [
					{ text: 'Zwemspullen klaarleggen', targetWeek: '2026-03-09', status: 'done', addedBy: null },
					{ text: 'Zwembadpas kopen', targetWeek: null, status: 'open', addedBy: 'Tamara Trainer' }
				]
			}
		],
		checkIns,
		plan: {
			content: {
				...emptyPlan(),
				strengths: nl ? 'Wandelen met de hond' : 'Walking the dog',
				red: { ...emptyPlan().red, self: nl ? 'Mijn zus bellen' : 'Call my sister' },
				contacts: { careTeam: 'Tamara 010-1234567', gp: '', other: '' }
			},
			updatedAt: new Date('2026-02-20T10:00:00Z'),
			reviewDue: '2026-08-20'
		},
		tools: [
			{
				id: '00000000-0000-4000-8000-000000000002',
				suggestionKey: null,
				title: nl ? 'Muziek luisteren' : 'Listening to music',
				text: null,
				rating: 4,
				createdAt: new Date(),
				updatedAt: new Date()
			}
		],
		network: [
			{
				id: '00000000-0000-4000-8000-000000000003',
				name: nl ? 'Mijn zus' : 'My sister',
				kinds: ['talk'],
				frequency: 'weekly'
			}
		],
		modules: [1, 2, 3].map((number) => ({
			number,
			title: nl ? `Herstel deel ${number}` : `Recovery part ${number}`,
			summary: nl ? 'Wat herstel voor jou betekent.' : 'What recovery means to you.',
			steps: [
				{
					key: '01-tekst',
					kind: 'text' as const,
					title: nl ? 'Wat is herstel' : 'What is recovery',
					body: nl
						? '## Jouw weg\n\nHerstel is **jouw** weg. Lees meer op [de site](https://example.org/herstel).\n\n- rust\n- mensen om je heen'
						: '## Your way\n\nRecovery is **your** way. Read more on [the site](https://example.org/herstel).\n\n- rest\n- people around you',
					question: null,
					url: null,
					answer: null
				},
				{
					key: '02-oefening',
					kind: 'exercise' as const,
					title: nl ? 'Wat helpt jou' : 'What helps you',
					body: nl ? 'Denk aan een goede dag.' : 'Think of a good day.',
					question: nl ? 'Wat helpt jou op een slechte dag?' : 'What helps you on a bad day?',
					url: null,
					answer:
						number === 1
							? { text: 'Wandelen met de hond.', enteredBy: 'Tamara Trainer', updatedAt: new Date() }
							: null
				}
			]
		}))
	};
}

async function pdfOf(workbook: WorkbookContent, largePrint: boolean): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of renderWorkbook(workbook, { largePrint })) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

interface Read {
	document: PDFDocumentProxy;
	/** All text, pages joined, white space collapsed. */
	text: string;
	/** Every text item with its font size (its height on the page). */
	items: { str: string; size: number }[];
}

async function read(bytes: Buffer): Promise<Read> {
	const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const items: Read['items'] = [];
	const pages: string[] = [];
	for (let number = 1; number <= document.numPages; number++) {
		const page = await document.getPage(number);
		const found = (await page.getTextContent()).items.flatMap((item) =>
			'str' in item ? [{ str: item.str, size: Math.hypot(item.transform[2]!, item.transform[3]!) }] : []
		);
		items.push(...found);
		pages.push(found.map((item) => item.str).join(' '));
	}
	return { document, items, text: pages.join(' ').replace(/\s+/g, ' ') };
}

/** The font size of the text item that starts with `start`. */
function sizeOf(pdf: Read, start: string): number {
	const item = pdf.items.find((found) => found.str.startsWith(start));
	if (!item) throw new Error(`no text "${start}"`);
	return item.size;
}

let dutch: { bytes: Buffer; pdf: Read };
let english: { bytes: Buffer; pdf: Read };
let large: { bytes: Buffer; pdf: Read };

beforeAll(async () => {
	const make = async (locale: 'nl' | 'en', largePrint: boolean) => {
		const bytes = await pdfOf(content(locale), largePrint);
		return { bytes, pdf: await read(bytes) };
	};
	dutch = await make('nl', false);
	english = await make('en', false);
	large = await make('nl', true);
}, 60_000);
// pdf.js keeps its (fake) worker until the documents are destroyed.
afterAll(() => Promise.all([dutch, english, large].map((made) => made?.pdf.document.destroy())));

describe('the printed workbook', () => {
	it('has every section in Dutch', () => {
		for (const text of [
			'Werkboek van Anna Jansen',
			'Groep: Herstelgroep Zuid',
			'door Tamara Trainer',
			'Mijn doel nu',
			'Elke week zwemmen',
			'Waarom: Dan slaap ik beter',
			'Zwemspullen klaarleggen · voor maandag 9 maart 2026 · gedaan',
			'Zwembadpas kopen · nog bezig · toegevoegd door Tamara Trainer',
			'Mijn check-ins',
			'Week van',
			'maandag 6 januari 2025',
			'5 van 5: Heel dichtbij',
			'Module 1: Herstel deel 1',
			'Module 3: Herstel deel 3',
			'Jouw weg',
			'Herstel is jouw weg. Lees meer op de site (https://example.org/herstel).',
			'mensen om je heen',
			'Vraag: Wat helpt jou op een slechte dag?',
			'Wandelen met de hond.',
			'Ingevuld door Tamara Trainer',
			'Mijn signaleringsplan',
			'Rood: crisis',
			'Mijn zus bellen',
			'Crisislijn 113, gratis, dag en nacht: 0800-0113',
			'Wat helpt mij',
			'Muziek luisteren',
			'Mijn steunnetwerk',
			'Bladzijde 1'
		])
			expect(dutch.pdf.text).toContain(text);
		expect(dutch.pdf.text).not.toContain('**');
	});

	it('has every section in English, and no Dutch of its own', () => {
		for (const text of [
			'Workbook of Anna Jansen',
			'Group: Herstelgroep Zuid',
			'My goal',
			'My check-ins',
			'Week of',
			'Monday, 6 January 2025',
			'5 of 5: Very close',
			'Recovery is your way.',
			'Question: What helps you on a bad day?',
			'Filled in by Tamara Trainer',
			'My relapse-prevention plan',
			'Red: crisis',
			'Call my sister',
			'Listening to music',
			'Page 1'
		])
			expect(english.pdf.text).toContain(text);
		for (const text of ['Mijn doel', 'Bladzijde', 'Vraag:', 'Ingevuld door'])
			expect(english.pdf.text).not.toContain(text);
	});

	it('has a sensible number of pages: a cover, a chapter each, more in large print', () => {
		// Cover, goal, check-ins (a year: two pages), three modules.
		expect(dutch.pdf.document.numPages).toBeGreaterThanOrEqual(6);
		expect(dutch.pdf.document.numPages).toBeLessThanOrEqual(12);
		expect(large.pdf.document.numPages).toBeGreaterThan(dutch.pdf.document.numPages);
		expect(dutch.pdf.text).toContain(`Bladzijde ${dutch.pdf.document.numPages}`);
	});

	it('prints large print larger: 16 pt body text instead of 11 pt, and larger headings', () => {
		expect(sizeOf(dutch.pdf, 'Waarom: Dan slaap ik beter')).toBeCloseTo(11, 1);
		expect(sizeOf(large.pdf, 'Waarom: Dan slaap ik beter')).toBeCloseTo(16, 1);
		expect(sizeOf(large.pdf, 'Mijn check-ins')).toBeGreaterThan(sizeOf(dutch.pdf, 'Mijn check-ins'));
	});

	it('is tagged: headings, a figure with alt text, a table with header cells, the language and title', async () => {
		const { document } = dutch.pdf;
		expect(await document.getMarkInfo()).toMatchObject({ Marked: true });
		const { info } = (await document.getMetadata()) as unknown as { info: Record<string, unknown> };
		expect(info).toMatchObject({ Title: 'Werkboek van Anna Jansen', Language: 'nl' });
		const roles: { role: string; alt?: string }[] = [];
		const walk = (node: { role?: string; alt?: string; children?: unknown[] }) => {
			if (node.role) roles.push({ role: node.role, alt: node.alt });
			for (const child of node.children ?? []) walk(child as typeof node);
		};
		for (let number = 1; number <= document.numPages; number++)
			walk((await (await document.getPage(number)).getStructTree()) as Parameters<typeof walk>[0]);
		const kinds = new Set(roles.map((node) => node.role));
		for (const role of ['Document', 'Sect', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Table', 'TH', 'TD', 'Figure'])
			expect(kinds, role).toContain(role);
		expect(roles.find((node) => node.role === 'Figure')?.alt).toBe(
			'Lijngrafiek van 52 check-ins, van maandag 6 januari 2025 tot maandag 29 december 2025. Hij laat zien hoe dichtbij je je voelde bij je doel, van 1 tot 5. De eerste keer 1, de laatste keer 2. Alle cijfers staan in de tabel hieronder.'
		);
	});

	it('says pdfinfo: tagged, PDF 1.7, with its title', () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'werkboek-'));
		try {
			const file = path.join(folder, 'werkboek.pdf');
			fs.writeFileSync(file, dutch.bytes);
			let info: string;
			try {
				info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
			} catch (error) {
				throw new Error("pdfinfo did not run (install Debian's poppler-utils)", { cause: error });
			}
			expect(info).toMatch(/^Tagged:\s+yes$/m);
			expect(info).toMatch(/^PDF version:\s+1\.7$/m);
			expect(info).toMatch(/^Title:\s+Werkboek van Anna Jansen$/m);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});

	it('prints any text a participant may have typed: a very long word, emoji, bidi marks, tabs, other scripts', async () => {
		const odd = content('nl');
		const long = 'x'.repeat(10_000);
		odd.goals[0]!.text = `Doel\tmet tab ${long}`;
		odd.goals[0]!.why = 'Anna\u202Egpj.exe\u202C 😀😀 Ελληνικά Кирилица עברית e\u0301';
		odd.modules[0]!.steps[1]!.answer = {
			text: `Regel een\nregel twee\r\n${'😀'.repeat(3000)}`,
			enteredBy: '<script>alert(1)</script>',
			updatedAt: new Date()
		};
		const pdf = await read(await pdfOf(odd, false));
		expect(pdf.text).toContain('Doel met tab');
		expect(pdf.text).toContain('Ελληνικά Кирилица');
		expect(pdf.text).toContain('Ingevuld door <script>alert(1)</script>');
		// The long word is broken over lines, every letter printed.
		expect(pdf.text.match(/x/g)?.length).toBeGreaterThanOrEqual(long.length);
		await pdf.document.destroy();
	});

	it('stays small: a year of check-ins and three modules in well under 1.5 MB', () => {
		expect(dutch.bytes.length).toBeLessThan(1_500_000);
		expect(large.bytes.length).toBeLessThan(1_500_000);
	});
});
