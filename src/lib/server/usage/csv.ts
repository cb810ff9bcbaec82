/**
 * The use figures as CSV, one figure per line (section, key, label, measure, value), fields through
 * the access log's formula-escaping `csvField`. A hidden small count is written as "<5".
 */
import { MIN_COUNT, type UsageComponent, type WhyNotAnswer, type WhyNotComponent } from '$lib/domain/usage';
import { m } from '$lib/paraglide/messages.js';
import { answerName, componentName, whyNotComponentName } from '$lib/usage-text';
import { csvField } from '../audit/csv';
import type { UsageView } from './queries';

/** The label of a key in the reader's language (the page's messages). */
export type Labels = (section: string, key: string) => string;

const value = (count: number | null) => (count === null ? `<${MIN_COUNT}` : String(count));

export function usageCsv(figures: UsageView, label: Labels): string {
	const lines: string[][] = [['section', 'key', 'label', 'measure', 'value']];
	const add = (section: string, key: string, measure: string, count: number | null) =>
		lines.push([section, key, label(section, key), measure, value(count)]);
	add('funnel', 'invited', 'people', figures.funnel.invited);
	add('funnel', 'ever_signed_in', 'people', figures.funnel.everSignedIn);
	add('funnel', 'active_this_week', 'people', figures.funnel.activeThisWeek);
	for (const row of figures.components) {
		add('component', row.component, 'people', row.people);
		add('component', row.component, 'uses', row.uses);
	}
	for (const row of figures.trend) {
		add('week', row.week, 'active', row.active);
		add('week', row.week, 'check_ins', row.checkIns);
		add('week', row.week, 'steps_seen', row.stepsSeen);
	}
	for (const row of figures.modules) {
		add('module', String(row.number), 'opened', row.opened);
		add('module', String(row.number), 'finished', row.finished);
	}
	for (const row of figures.whyNot) add('why_not', `${row.component}:${row.answer}`, 'people', row.count);
	return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const FUNNEL_LABELS: Record<string, () => string> = {
	invited: m.usage_funnel_invited,
	ever_signed_in: m.usage_funnel_ever,
	active_this_week: m.usage_funnel_active
};

/** Labels in the reader's language for every key the CSV writes. */
export const readerLabels: Labels = (section, key) => {
	if (section === 'funnel') return FUNNEL_LABELS[key]?.() ?? key;
	if (section === 'component') return componentName(key as UsageComponent);
	if (section === 'module') return m.usage_module_number({ number: key });
	if (section === 'why_not') {
		const [component, answer] = key.split(':') as [WhyNotComponent, WhyNotAnswer];
		return `${whyNotComponentName(component)}: ${answerName(answer)}`;
	}
	return key;
};

/** The CSV download's response: a file named for the scope and the day, never cached. */
export function usageCsvResponse(figures: UsageView, scope: string): Response {
	const today = new Date().toISOString().slice(0, 10);
	return new Response(usageCsv(figures, readerLabels), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="herstelpad-gebruik-${scope}-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
}
