/**
 * The workbook's module chapters: each open module's steps as the participant reads them, with the
 * question of an exercise and their answer — or lines to write it on, for the paper workbook. An
 * answer a trainer typed in from paper says so.
 */
import { m } from '$lib/paraglide/messages.js';
import type { WorkbookContent, WorkbookModule, WorkbookStep } from '../content';
import { markdownBlocks } from '../markdown';
import type { WorkbookWriter } from '../writer';

type Options = { locale: WorkbookContent['locale'] };

export async function modulesSection(w: WorkbookWriter, content: WorkbookContent): Promise<void> {
	const options = { locale: content.locale };
	if (content.modules.length === 0) {
		w.newPage();
		await w.section(m.workbook_modules_title({}, options), 1, () =>
			w.paragraph(m.workbook_modules_none({}, options))
		);
		return;
	}
	for (const module of content.modules) {
		w.newPage();
		await writeModule(w, module, options);
		await w.pause();
	}
}

async function writeModule(w: WorkbookWriter, module: WorkbookModule, options: Options) {
	const title = m.home_module({ number: String(module.number), title: module.title }, options);
	await w.section(title, 1, async () => {
		if (module.summary.trim()) w.paragraph(module.summary, { muted: true });
		for (const step of module.steps) await w.section(step.title, 2, () => writeStep(w, step, options));
	});
}

function writeStep(w: WorkbookWriter, step: WorkbookStep, options: Options) {
	for (const block of markdownBlocks(step.body)) {
		if (block.type === 'heading') w.heading(3, block.text);
		else if (block.type === 'paragraph') w.paragraph(block.text);
		else w.list(block.items, block.ordered);
	}
	if (step.kind === 'video') w.paragraph(m.workbook_step_video({}, options), { muted: true });
	if (step.kind === 'file') w.paragraph(m.workbook_step_file({}, options), { muted: true });
	if (step.url) w.paragraph(m.workbook_step_link({ url: step.url }, options));
	if (!step.question) return;
	w.paragraph(m.workbook_question({ question: step.question }, options), { bold: true });
	if (!step.answer?.text.trim()) {
		w.writingLines(4);
		return;
	}
	w.paragraph(step.answer.text);
	if (step.answer.enteredBy)
		w.paragraph(m.answer_entered_by({ name: step.answer.enteredBy }, options), { muted: true });
}
