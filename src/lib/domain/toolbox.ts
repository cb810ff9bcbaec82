/**
 * The words of the coping toolbox and the support network that code, pages and the database share:
 * how well a way of coping works (1–5), what someone in the network does for the participant, and
 * how often they are in touch (the rings of the network picture, closest first).
 */

/** How well a way of coping works for the participant: 1 "helpt niet" … 5 "helpt heel goed". */
export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

export function isRating(value: unknown): value is Rating {
	return typeof value === 'number' && (RATINGS as readonly number[]).includes(value);
}

/** What someone does for the participant: practical help, someone to talk to, in a crisis, company. */
export const SUPPORT_KINDS = ['practical', 'talk', 'crisis', 'company'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

/** How often the participant is in touch with them, the closest ring first. */
export const CONTACT_FREQUENCIES = ['daily', 'weekly', 'monthly', 'less'] as const;
export type ContactFrequency = (typeof CONTACT_FREQUENCIES)[number];

/** A participant keeps at most this many ways of coping of their own, and this many people. */
export const OWN_TOOLS_MAX = 50;
export const NETWORK_MAX = 50;
/** The longest own way of coping (one line) and the longest name or description of a person. */
export const TOOL_TEXT_MAX = 120;
export const SUPPORT_NAME_MAX = 60;
