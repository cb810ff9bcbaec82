/** The workbook's first page: whose it is, when it was made (and by whom), and what is in it. */
import { local } from '$lib/domain/schedule';
import { formatLongDate } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import type { WorkbookContent } from '../content';
import type { WorkbookWriter } from '../writer';

export function coverSection(w: WorkbookWriter, content: WorkbookContent): void {
	const options = { locale: content.locale };
	w.title(m.workbook_pdf_title({ name: content.participant.name }, options));
	if (content.group) w.paragraph(m.workbook_group({ group: content.group.name }, options));
	const date = formatLongDate(local(content.printedAt).date, content.locale);
	w.paragraph(
		content.printedBy
			? m.workbook_printed_by({ date, name: content.printedBy }, options)
			: m.workbook_printed({ date }, options),
		{ muted: true }
	);
	w.paragraph(m.workbook_contents({}, options), { bold: true });
	w.list([
		m.workbook_goals_title({}, options),
		m.plan_title({}, options),
		m.toolbox_title({}, options),
		m.network_title({}, options),
		m.workbook_check_ins_title({}, options),
		...(content.modules.length > 0
			? content.modules.map((module) =>
					m.home_module({ number: String(module.number), title: module.title }, options)
				)
			: [m.workbook_modules_title({}, options)])
	]);
	w.paragraph(m.help_crisis_113({}, options));
}
