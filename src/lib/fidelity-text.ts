/**
 * The fidelity self-assessment in words (messages: fidelity_*): each item's title, its anchors 1–5
 * and what helps when it scores under 3, the bands, and a proposal's reason as a sentence. Herstelpad's
 * own wording, following the domains of the IMR Fidelity Scale; not the validated scale.
 */
import type { FidelityBand, FidelityItem, FidelityScore, ProposalReason } from '$lib/domain/fidelity';
import { m } from '$lib/paraglide/messages.js';

type Text = () => string;

/** The messages of one item, looked up by their names (fidelity_item_<id>_…). */
const messages = m as unknown as Record<string, Text | undefined>;

function itemText(item: FidelityItem, part: string): string {
	const text = messages[`fidelity_item_${item}_${part}`];
	return text ? text() : `${item} ${part}`;
}

/** The item's title ("Groepsgrootte"). */
export const itemTitle = (item: FidelityItem): string => itemText(item, 'title');

/** What a score means for this item. */
export const itemAnchor = (item: FidelityItem, score: FidelityScore): string =>
	itemText(item, `anchor_${score}`);

/** What helps when the item scores under 3. */
export const itemHelp = (item: FidelityItem): string => itemText(item, 'help');

export const bandText: Record<FidelityBand, Text> = {
	high: m.fidelity_band_high,
	moderate: m.fidelity_band_moderate,
	low: m.fidelity_band_low
};

/** A total as "3,4 (redelijk)" in the page's language. */
export function totalText(mean: number, band: FidelityBand, locale: string): string {
	return m.fidelity_total_short({
		total: mean.toLocaleString(locale, { minimumFractionDigits: 1 }),
		band: bandText[band]()
	});
}

/** A proposal's reason as one or two sentences. */
export function reasonText(reason: ProposalReason): string {
	switch (reason.kind) {
		case 'group_size':
			return m.fidelity_reason_group_size({ members: String(reason.members) });
		case 'programme_length': {
			const text = m.fidelity_reason_programme_length({
				planned: String(reason.planned),
				cancelled: String(reason.cancelled),
				weekly: String(reason.weeklyPercent)
			});
			return reason.rhythmLowered ? `${text} ${m.fidelity_reason_rhythm_lowered()}` : text;
		}
		case 'curriculum':
			return m.fidelity_reason_curriculum({ covered: String(reason.covered), total: String(reason.total) });
		case 'significant_others':
			return m.fidelity_reason_significant_others({
				count: String(reason.withSignificantOther),
				members: String(reason.members)
			});
		case 'goal_setting':
			return m.fidelity_reason_goal_setting({
				count: String(reason.withGoal),
				members: String(reason.members)
			});
		case 'goal_follow_up':
			return m.fidelity_reason_goal_follow_up({
				checkIns: String(reason.checkIns),
				expected: String(reason.expected),
				percent: String(reason.percent)
			});
		case 'cognitive_behavioural':
			return m.fidelity_reason_cognitive_behavioural({
				given: String(reason.given),
				held: String(reason.held)
			});
		case 'coping_skills':
			return m.fidelity_reason_coping_skills({
				answers: String(reason.answers),
				expected: String(reason.expected),
				percent: String(reason.percent)
			});
		case 'no_members':
			return m.fidelity_reason_no_members();
		case 'no_calendar':
			return m.fidelity_reason_no_calendar();
		case 'no_curriculum':
			return m.fidelity_reason_no_curriculum();
		case 'no_sessions_held':
			return m.fidelity_reason_no_sessions_held();
		case 'no_practice_given':
			return m.fidelity_reason_no_practice_given();
	}
}
