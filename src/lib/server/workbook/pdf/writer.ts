/**
 * Writes a tagged PDF (PDF/UA-1 with pdfkit): every piece of text belongs to a structure element
 * (headings H1–H3, paragraphs P, lists L/LI/LBody, tables with TH/TD, figures with alt text) in
 * reading order, and what is not content — page numbers, the lines to write on — is an artifact.
 * The sections in ./sections/ only call these methods, so each stays a few lines of what it shows.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Locale } from './content';

type Struct = PDFKit.PDFStructureElement;

const FONT_FILES = {
	regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
	bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'
} as const;

/**
 * DejaVu Sans, regular and bold, read once: a Unicode font (every Dutch and English letter, and most
 * others a name may have) that pdfkit embeds as a subset of the letters used.
 */
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function fontData() {
	if (!fonts) {
		const require = createRequire(import.meta.url);
		fonts = {
			regular: fs.readFileSync(require.resolve(FONT_FILES.regular)),
			bold: fs.readFileSync(require.resolve(FONT_FILES.bold))
		};
	}
	return fonts;
}

/** Point sizes: normal print, and large print (16 pt body text) for those who asked for it. */
const SIZES = {
	normal: { body: 11, small: 9, h1: 20, h2: 15, h3: 12.5, title: 28 },
	large: { body: 16, small: 13, h1: 26, h2: 21, h3: 18, title: 34 }
} as const;

const MARGIN = 56; // 2 cm
const TEXT_COLOUR = '#1a1a1a';
const MUTED = '#4d4d4d'; // 8.6:1 on white
const RULE = '#8c8c8c';

/** A tab has no letter in the font: it prints as a space. */
function printable(text: string): string {
	return text.replace(/\t/g, ' ');
}

/** A cell's text as it is written and measured: the space at the end keeps it apart from the next. */
function cellText(text: string): string {
	return `${printable(text)} `;
}

/**
 * Marks a TH as the header of its column (the attribute /Scope /Column), as pdfkit's own table does;
 * its types do not show the element's dictionary.
 */
function columnHeader(doc: PDFKit.PDFDocument, cell: Struct): void {
	const attributes = doc.ref({ O: 'Table', Scope: 'Column' }) as unknown as { end(): void };
	attributes.end();
	(cell as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = attributes;
}

export interface WriterOptions {
	locale: Locale;
	largePrint: boolean;
	/** The document's title (shown by viewers instead of the file name). */
	title: string;
	/** The page number's words, e.g. (n) => `Bladzijde ${n}`. */
	pageLabel: (page: number) => string;
}

export class WorkbookWriter {
	readonly doc: PDFKit.PDFDocument;
	readonly size: (typeof SIZES)[keyof typeof SIZES];
	readonly locale: Locale;
	private readonly root: Struct;
	/** The structure element new content goes into: the document, or the section being written. */
	private parent: Struct;
	private pages = 0;

	constructor(options: WriterOptions) {
		this.locale = options.locale;
		this.size = options.largePrint ? SIZES.large : SIZES.normal;
		const data = fontData();
		this.doc = new PDFDocument({
			size: 'A4',
			margin: MARGIN,
			pdfVersion: '1.7',
			subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
			tagged: true,
			lang: options.locale,
			displayTitle: true,
			autoFirstPage: false,
			// No built-in (Latin-1 only) font: every text is in the embedded Unicode font below.
			font: false as unknown as string,
			info: { Title: options.title, Author: 'Herstelpad', Creator: 'Herstelpad' }
		});
		this.doc.registerFont('Sans', data.regular);
		this.doc.registerFont('Sans-Bold', data.bold);
		this.doc.on('pageAdded', () => this.pageNumber(options.pageLabel));
		this.doc.addPage();
		this.root = this.doc.struct('Document');
		this.doc.addStructure(this.root);
		this.parent = this.root;
	}

	/** The page number at the foot of each new page, as an artifact (not read as content). */
	private pageNumber(label: (page: number) => string) {
		const { doc } = this;
		this.pages += 1;
		const { x, y } = doc;
		const page = doc.page;
		const bottom = page.margins.bottom;
		// Written below the text area: without a bottom margin for a moment, so no new page follows.
		page.margins.bottom = 0;
		doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
		doc
			.font('Sans')
			.fontSize(this.size.small)
			.fillColor(MUTED)
			.text(label(this.pages), MARGIN, page.height - bottom + 16, {
				width: page.width - 2 * MARGIN,
				align: 'center',
				lineBreak: false
			});
		doc.endMarkedContent();
		page.margins.bottom = bottom;
		doc.fillColor(TEXT_COLOUR);
		doc.x = x;
		doc.y = y;
	}

	private get width(): number {
		return this.doc.page.width - 2 * MARGIN;
	}

	/** Starts the next page (a new chapter starts on one). */
	newPage(): void {
		this.doc.addPage();
	}

	/** Starts a new page unless `points` more fit on this one (a heading stays with what follows). */
	private keepRoom(points: number): void {
		const { doc } = this;
		if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
	}

	/** A part of the document (Sect) with its heading; what `write` adds goes into it. */
	async section(title: string, level: 1 | 2, write: () => void | Promise<void>): Promise<void> {
		const section = this.doc.struct('Sect');
		this.parent.add(section);
		const outer = this.parent;
		this.parent = section;
		try {
			this.heading(level, title);
			await write();
		} finally {
			this.parent = outer;
			section.end();
		}
	}

	/** A heading: H1 (a chapter), H2, or H3 (a heading inside a curriculum text). */
	heading(level: 1 | 2 | 3, text: string): void {
		const size = level === 1 ? this.size.h1 : level === 2 ? this.size.h2 : this.size.h3;
		this.keepRoom(size * 1.4 + this.size.body * 3);
		if (level > 1) this.doc.moveDown(0.4);
		this.write(`H${level}`, text, { font: 'Sans-Bold', size, after: size * 0.45 });
	}

	/** The cover's title: large, tagged as the document's first heading. */
	title(text: string): void {
		this.write('H1', text, { font: 'Sans-Bold', size: this.size.title, after: this.size.title * 0.6 });
	}

	/** A paragraph of text. */
	paragraph(text: string, options: { bold?: boolean; muted?: boolean } = {}): void {
		this.write('P', text, {
			font: options.bold ? 'Sans-Bold' : 'Sans',
			size: this.size.body,
			colour: options.muted ? MUTED : TEXT_COLOUR,
			after: this.size.body * 0.6
		});
	}

	/** A list (L), each item an LI with its label (bullet or number) and body. */
	list(items: string[], ordered = false): void {
		if (items.length === 0) return;
		const { doc } = this;
		const list = doc.struct('L');
		this.parent.add(list);
		const indent = this.size.body * 1.6;
		const left = MARGIN;
		items.forEach((item, index) => {
			const entry = doc.struct('LI');
			list.add(entry);
			this.keepRoom(this.size.body * 1.5);
			const top = doc.y;
			entry.add(
				doc.struct('Lbl', {}, [
					() => {
						doc.font('Sans').fontSize(this.size.body).fillColor(TEXT_COLOUR);
						doc.text(ordered ? `${index + 1}. ` : '• ', left, top, { width: indent, lineBreak: false });
					}
				])
			);
			entry.add(
				doc.struct('LBody', {}, [
					() => {
						doc.text(`${printable(item)} `, left + indent, top, {
							width: this.width - indent,
							lineGap: this.lineGap
						});
					}
				])
			);
			entry.end();
			doc.x = left;
			doc.moveDown(0.25);
		});
		list.end();
		doc.moveDown(0.35);
	}

	/**
	 * A table (Table) with a header row (TH, scope column) and data rows (TD). A row that does not fit
	 * goes to the next page whole, under the header row drawn again as an artifact (it is read once).
	 * Written here rather than with pdfkit's table, which measured a year of check-ins for a second;
	 * it lets other requests run every few rows.
	 */
	async table(headers: string[], rows: string[][], columnWidths: number[]): Promise<void> {
		const { doc } = this;
		const total = columnWidths.reduce((sum, part) => sum + part, 0);
		const widths = columnWidths.map((part) => (part / total) * this.width);
		const padding = this.size.body * 0.35;
		const table = doc.struct('Table');
		this.parent.add(table);
		this.keepRoom(this.size.body * 6);
		const heightOf = (cells: string[], font: string) => {
			doc.font(font).fontSize(this.size.body);
			const tallest = Math.max(
				...cells.map((text, column) =>
					doc.heightOfString(cellText(text), { width: widths[column]! - 2 * padding })
				)
			);
			return tallest + 2 * padding;
		};
		const headerHeight = heightOf(headers, 'Sans-Bold');
		const draw = (cells: string[], font: string, top: number, height: number, tag: 'TH' | 'TD' | null) => {
			const row = tag ? doc.struct('TR') : null;
			if (row) table.add(row);
			let x = MARGIN;
			cells.forEach((text, column) => {
				const width = widths[column]!;
				const write = () => {
					doc.font(font).fontSize(this.size.body).fillColor(TEXT_COLOUR);
					doc.text(cellText(text), x + padding, top + padding, { width: width - 2 * padding });
				};
				if (row && tag) {
					const cell = doc.struct(tag, {}, [write]);
					if (tag === 'TH') columnHeader(doc, cell);
					row.add(cell);
				} else write();
				x += width;
			});
			row?.end();
			// The lines around the cells are layout, not content (a repeated header is an artifact already).
			if (tag) doc.markContent('Artifact', { type: 'Layout' });
			doc.save().lineWidth(0.5).strokeColor(RULE);
			let left = MARGIN;
			for (const width of widths) {
				doc.rect(left, top, width, height).stroke();
				left += width;
			}
			doc.restore();
			if (tag) doc.endMarkedContent();
			doc.x = MARGIN;
			doc.y = top + height;
		};
		draw(headers, 'Sans-Bold', doc.y, headerHeight, 'TH');
		for (const [index, cells] of rows.entries()) {
			const height = heightOf(cells, 'Sans');
			if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
				doc.addPage();
				doc.markContent('Artifact', { type: 'Pagination' });
				draw(headers, 'Sans-Bold', doc.y, headerHeight, null);
				doc.endMarkedContent();
			}
			draw(cells, 'Sans', doc.y, height, 'TD');
			if (index % 20 === 19) await this.pause();
		}
		table.end();
		doc.x = MARGIN;
		doc.moveDown(0.8);
	}

	/** A figure (Figure) with its alternative text; `draw` paints it in the box it is given. */
	figure(
		alt: string,
		height: number,
		draw: (box: { x: number; y: number; width: number; height: number }) => void
	) {
		const { doc } = this;
		this.keepRoom(height + this.size.body);
		const box = { x: MARGIN, y: doc.y, width: this.width, height };
		this.parent.add(
			doc.struct('Figure', { alt }, [
				() => {
					doc.save();
					draw(box);
					doc.restore();
				}
			])
		);
		doc.font('Sans').fontSize(this.size.body).fillColor(TEXT_COLOUR);
		doc.x = MARGIN;
		doc.y = box.y + height + this.size.body;
	}

	/** Lines to write an answer on by hand (an artifact: there is nothing to read). */
	writingLines(count: number): void {
		const { doc } = this;
		const gap = this.size.body * 2.2;
		this.keepRoom(gap * count);
		doc.markContent('Artifact', { type: 'Layout' });
		doc.save().lineWidth(0.5).strokeColor(RULE);
		for (let line = 1; line <= count; line++) {
			const y = doc.y + gap * line;
			doc
				.moveTo(MARGIN, y)
				.lineTo(MARGIN + this.width, y)
				.stroke();
		}
		doc.restore();
		doc.endMarkedContent();
		doc.y += gap * count + this.size.body;
	}

	/**
	 * Lets other requests run before the next part is written: writing is synchronous, so a long
	 * workbook written in one go would hold the event loop for all of it.
	 */
	pause(): Promise<void> {
		return new Promise((resolve) => setImmediate(resolve));
	}

	/** Ends the document; the stream ends once the last bytes are out. */
	end(): void {
		this.root.end();
		this.doc.end();
	}

	private get lineGap(): number {
		return this.size.body * 0.3;
	}

	/** One block of text as one structure element of `type`. */
	private write(
		type: string,
		text: string,
		style: { font: string; size: number; colour?: string; after: number }
	): void {
		const { doc } = this;
		this.parent.add(
			doc.struct(type, {}, [
				() => {
					doc
						.font(style.font)
						.fontSize(style.size)
						.fillColor(style.colour ?? TEXT_COLOUR);
					// The space at the end keeps words apart for text extraction and read-aloud.
					doc.text(`${printable(text)} `, MARGIN, doc.y, { width: this.width, lineGap: this.lineGap });
				}
			])
		);
		doc.fillColor(TEXT_COLOUR);
		doc.y += style.after;
	}
}
