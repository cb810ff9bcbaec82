/** A naaste's invitation as the page prints it: the formatted code, its QR code, where to type it. */
import { formatLoginCode } from '$lib/domain/login-code';
import { qrSvg } from '../../cards/qr';
import { config } from '../../config';
import type { SignificantOtherCode } from './commands';

export async function printableCard(card: SignificantOtherCode) {
	const base = config().publicBaseUrl;
	return {
		name: card.name,
		code: formatLoginCode(card.code),
		expiresAt: card.expiresAt.toISOString().slice(0, 10),
		qr: await qrSvg(`${base}/kaart?code=${card.code}`),
		signInUrl: `${base}/kaart`
	};
}
