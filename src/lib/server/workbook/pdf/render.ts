/**
 * The printed workbook as a PDF stream: one section after the other from ./content.ts, each a small
 * function in ./sections/. Between sections (and between modules) the writer lets other requests
 * run, and the bytes go out as they are made, so a long workbook never holds up the server.
 *
 * Adding a section: a field in WorkbookContent (read in workbookContent), a function
 * `(writer, content) => void | Promise<void>` in ./sections/, and its place in SECTIONS below.
 */
import { Readable } from 'node:stream';
import { m } from '$lib/paraglide/messages.js';
import { logger } from '../../log';
import type { WorkbookContent } from './content';
import { checkInsSection } from './sections/check-ins';
import { coverSection } from './sections/cover';
import { goalsSection } from './sections/goals';
import { modulesSection } from './sections/modules';
import { planSection } from './sections/plan';
import { toolboxSection } from './sections/toolbox';
import { WorkbookWriter } from './writer';

/** One part of the workbook; a chapter starts on a new page (`writer.newPage()`). */
export type Section = (writer: WorkbookWriter, content: WorkbookContent) => void | Promise<void>;

/** The workbook's parts, in the order they are printed. */
export const SECTIONS: readonly Section[] = [
	coverSection,
	goalsSection,
	planSection,
	toolboxSection,
	checkInsSection,
	modulesSection
];

export interface RenderOptions {
	/** Large print: 16 pt body text instead of 11 pt. */
	largePrint: boolean;
}

/**
 * The workbook as a Node stream of PDF bytes; writing starts at once and goes on in the background.
 * A failure while writing ends the stream with the error (the download breaks off; nothing is kept).
 */
export function renderWorkbook(content: WorkbookContent, options: RenderOptions): Readable {
	const locale = { locale: content.locale };
	const writer = new WorkbookWriter({
		locale: content.locale,
		largePrint: options.largePrint,
		title: m.workbook_pdf_title({ name: content.participant.name }, locale),
		pageLabel: (page) => m.workbook_page({ page: String(page) }, locale)
	});
	void (async () => {
		for (const section of SECTIONS) {
			await section(writer, content);
			await writer.pause();
			// The reader went away (the download was cancelled): nothing more to write.
			if ((writer.doc as unknown as Readable).destroyed) return;
		}
		writer.end();
	})().catch((error: unknown) => {
		// The response has begun: the download breaks off, and the fault is logged here.
		logger.error({ err: error }, 'the workbook PDF failed while it was written');
		writer.doc.destroy(error as Error);
	});
	return writer.doc as unknown as Readable;
}

/** The workbook as a web stream, for a `Response`. */
export function workbookStream(content: WorkbookContent, options: RenderOptions): ReadableStream<Uint8Array> {
	return Readable.toWeb(renderWorkbook(content, options)) as ReadableStream<Uint8Array>;
}
