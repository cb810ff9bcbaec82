/** The toolbox's and the support network's words in the reader's language, for their pages. */
import type { ContactFrequency, Rating, SupportKind } from '$lib/domain/toolbox';
import { m } from '$lib/paraglide/messages.js';

type Words = typeof m.toolbox_rating_1;
type Options = { locale?: 'nl' | 'en' };

const ratingWords: Record<Rating, Words> = {
	1: m.toolbox_rating_1,
	2: m.toolbox_rating_2,
	3: m.toolbox_rating_3,
	4: m.toolbox_rating_4,
	5: m.toolbox_rating_5
};

/** How well a tool helps, in words ("Helpt goed"); "not filled in yet" without a rating. */
export function ratingWord(rating: Rating | null, options: Options = {}): string {
	return rating === null ? m.toolbox_rating_none({}, options) : ratingWords[rating]({}, options);
}

const kindWords: Record<SupportKind, Words> = {
	practical: m.network_kind_practical,
	talk: m.network_kind_talk,
	crisis: m.network_kind_crisis,
	company: m.network_kind_company
};

/** What someone does for the participant, in words ("Iemand om mee te praten"). */
export function kindWord(kind: SupportKind, options: Options = {}): string {
	return kindWords[kind]({}, options);
}

const frequencyWords: Record<ContactFrequency, Words> = {
	daily: m.network_frequency_daily,
	weekly: m.network_frequency_weekly,
	monthly: m.network_frequency_monthly,
	less: m.network_frequency_less
};

/** How often in touch, in words ("Elke week"). */
export function frequencyWord(frequency: ContactFrequency, options: Options = {}): string {
	return frequencyWords[frequency]({}, options);
}
