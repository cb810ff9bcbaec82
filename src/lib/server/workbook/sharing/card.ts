/** A naaste's invitation as the page prints it: the formatted code, its QR code, where to type it. */
import { formatLoginCode } from '$lib/domain/login-code';
import { formatLongDate } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { qrSvg } from '../../cards/qr';
import { config } from '../../config';
import type { SignificantOtherCode } from './commands';

/**
 * The card of `card`, made by `from` (the participant's name). Its words come with it, in the
 * request's language, so they are not in the JavaScript of the pages that show it.
 */
export async function printableCard(card: SignificantOtherCode, from: string) {
	const base = config().publicBaseUrl;
	const expiresAt = card.expiresAt.toISOString().slice(0, 10);
	return {
		code: formatLoginCode(card.code),
		qr: await qrSvg(`${base}/kaart?code=${card.code}`),
		words: {
			back: m.share_back(),
			title: m.share_card_title(),
			intro: m.share_card_intro(),
			heading: m.share_card_heading({ name: from }),
			for: m.share_card_for({ name: card.name }),
			code: m.card_code(),
			how: m.card_how({ url: `${base}/kaart` }),
			validUntil: m.card_valid_until({ date: formatLongDate(expiresAt, getLocale()) })
		}
	};
}
