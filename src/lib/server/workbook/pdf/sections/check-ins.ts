/**
 * The workbook's check-in chapter: "how close to my goal" per week as a chart (a figure whose alt
 * text says what it shows), and the same figures as a table, so they can be read and read aloud.
 */
import { formatLongDate, formatShortDate } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import type { WorkbookCheckIn, WorkbookContent } from '../content';
import type { WorkbookWriter } from '../writer';

const worked = {
	yes: m.check_in_worked_yes,
	a_bit: m.check_in_worked_a_bit,
	not_yet: m.check_in_worked_not_yet
};
const closeness = [
	m.check_in_close_1,
	m.check_in_close_2,
	m.check_in_close_3,
	m.check_in_close_4,
	m.check_in_close_5
];

export async function checkInsSection(w: WorkbookWriter, content: WorkbookContent): Promise<void> {
	const options = { locale: content.locale };
	const checkIns = content.checkIns;
	w.newPage();
	await w.section(m.workbook_check_ins_title({}, options), 1, async () => {
		if (checkIns.length === 0) {
			w.paragraph(m.workbook_check_ins_none({}, options));
			return;
		}
		w.paragraph(m.workbook_check_ins_intro({}, options));
		if (checkIns.length > 1) chart(w, checkIns, content.locale);
		await w.table(
			[
				m.workbook_check_ins_week({}, options),
				m.workbook_check_ins_closeness({}, options),
				m.workbook_check_ins_worked({}, options)
			],
			checkIns.map((checkIn) => [
				formatLongDate(checkIn.weekStart, content.locale),
				m.workbook_closeness(
					{
						value: String(checkIn.closeness),
						words: (closeness[checkIn.closeness - 1] ?? closeness[0]!)({}, options)
					},
					options
				),
				worked[checkIn.worked]({}, options)
			]),
			[4, 4, 2]
		);
	});
}

/** The line chart: weeks left to right, closeness 1 (bottom) to 5 (top). */
function chart(w: WorkbookWriter, checkIns: WorkbookCheckIn[], locale: WorkbookContent['locale']) {
	const options = { locale };
	const first = checkIns[0]!;
	const last = checkIns.at(-1)!;
	const alt = m.workbook_chart_alt(
		{
			count: String(checkIns.length),
			from: formatLongDate(first.weekStart, locale),
			to: formatLongDate(last.weekStart, locale),
			first: String(first.closeness),
			last: String(last.closeness)
		},
		options
	);
	const label = w.size.small;
	w.paragraph(m.chart_title({}, options), { bold: true });
	w.figure(alt, label * 16, (box) => {
		const { doc } = w;
		const left = box.x + label * 2;
		const bottom = box.y + box.height - label * 2;
		const top = box.y + label * 0.5;
		const right = box.x + box.width - label;
		const yOf = (value: number) => bottom - ((value - 1) / 4) * (bottom - top);
		const xOf = (index: number) =>
			checkIns.length === 1 ? left : left + (index / (checkIns.length - 1)) * (right - left);
		doc.font('Sans').fontSize(label).fillColor('#4d4d4d');
		doc.lineWidth(0.5).strokeColor('#b3b3b3');
		for (let value = 1; value <= 5; value++) {
			doc.moveTo(left, yOf(value)).lineTo(right, yOf(value)).stroke();
			doc.text(String(value), box.x, yOf(value) - label * 0.6, { width: label * 1.2, lineBreak: false });
		}
		doc.text(formatShortDate(first.weekStart, locale), left, bottom + label * 0.5, { lineBreak: false });
		const end = formatShortDate(last.weekStart, locale);
		doc.text(end, right - doc.widthOfString(end), bottom + label * 0.5, { lineBreak: false });
		doc.lineWidth(2).strokeColor('#1f5f8b');
		checkIns.forEach((checkIn, index) => {
			const point: [number, number] = [xOf(index), yOf(checkIn.closeness)];
			if (index === 0) doc.moveTo(...point);
			else doc.lineTo(...point);
		});
		doc.stroke();
		doc.fillColor('#1f5f8b');
		checkIns.forEach((checkIn, index) => doc.circle(xOf(index), yOf(checkIn.closeness), 2.5).fill());
	});
}
