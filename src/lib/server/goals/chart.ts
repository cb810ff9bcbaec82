/**
 * The "how close to my goal" chart, worked out on the server: the marks' positions and the figures in
 * words as its text alternative. The browser only draws what it is given (no date formatting or
 * geometry code in the participant's home page bundle).
 */
import { chartGeometry, type ChartPoint, type ChartView } from '$lib/domain/goals';
import { formatShortDate } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';

export function chartView(points: ChartPoint[], locale: 'nl' | 'en'): ChartView {
	return {
		marks: chartGeometry(points).map(({ x, y, point }) => ({ x, y, key: point.weekStart })),
		summary: points
			.map((point) =>
				m.chart_point(
					{ date: formatShortDate(point.weekStart, locale), value: String(point.closeness) },
					{ locale }
				)
			)
			.join(', ')
	};
}
