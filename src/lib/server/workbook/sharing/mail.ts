/**
 * The invitation email to a naaste: the participant's name, the one-time code and the link that
 * brings it along. Sent after the commit while the participant waits (like sign-in links: a refused
 * mail shows at once, and the code is never kept readable in a job table).
 */
import { formatLoginCode } from '$lib/domain/login-code';
import { m } from '$lib/paraglide/messages.js';
import { config } from '../../config';
import { sendMail } from '../../mail/mailer';
import type { SignificantOtherCode } from './commands';

export async function emailSignificantOtherCode(
	invited: SignificantOtherCode & { email: string },
	from: string,
	lang: 'nl' | 'en'
): Promise<void> {
	const settings = config();
	const locale = { locale: lang };
	await sendMail(settings, {
		to: invited.email,
		lang,
		subject: m.mail_naaste_subject({ name: from }, locale),
		text: m.mail_naaste_text(
			{ name: from, code: formatLoginCode(invited.code), url: `${settings.publicBaseUrl}/kaart` },
			locale
		),
		action: {
			label: m.mail_naaste_action({}, locale),
			url: `${settings.publicBaseUrl}/kaart?code=${invited.code}`
		}
	});
}
