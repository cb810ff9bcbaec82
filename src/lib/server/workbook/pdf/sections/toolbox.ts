/**
 * The workbook's "Wat helpt mij" (the coping tools with how well each helps, in words) and the
 * support network (who, what kind of support, how often), as lists that read aloud in order.
 * Empty ones get lines to write on.
 */
import { m } from '$lib/paraglide/messages.js';
import { frequencyWord, kindWord, ratingWord } from '$lib/toolbox';
import type { WorkbookContent } from '../content';
import type { WorkbookWriter } from '../writer';

export async function toolboxSection(w: WorkbookWriter, content: WorkbookContent): Promise<void> {
	const options = { locale: content.locale };
	w.newPage();
	await w.section(m.toolbox_title({}, options), 1, () => {
		if (content.tools.length === 0) {
			w.paragraph(m.toolbox_empty({}, options));
			w.writingLines(4);
			return;
		}
		w.list(
			content.tools.map((tool) =>
				[tool.title, ratingWord(tool.rating, options), tool.text].filter((part) => part).join(' · ')
			)
		);
	});
	await w.pause();
	await w.section(m.network_title({}, options), 1, () => {
		if (content.network.length === 0) {
			w.writingLines(4);
			return;
		}
		w.list(
			content.network.map((person) =>
				[
					person.name,
					frequencyWord(person.frequency, options),
					...person.kinds.map((kind) => kindWord(kind, options))
				].join(' · ')
			)
		);
	});
}
