import type https from 'node:https';
/** The real ways a reminder reaches a participant: email over SMTP and web push. No health content. */
import { m } from '$lib/paraglide/messages.js';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { sendMail } from '../mail/mailer';
import type { NoticeAbout, Senders } from './deliver';
import { sendPush, vapidKeys } from './push';
import { optOutToken } from './opt-out-token';

/** Who push services can contact about our messages: the https site, or else the sender's address. */
function vapidSubject(config: Config): string {
	if (config.publicBaseUrl.startsWith('https:')) return config.publicBaseUrl;
	const address = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom;
	return `mailto:${address.trim()}`;
}

/** The senders the reminder jobs use, for this database, configuration and app secret. */
export function reminderSenders(
	db: Db,
	config: Config,
	secret: string,
	connections: { pushAgent?: https.Agent } = {}
): Senders {
	const checkInUrl = new URL('/check-in', config.publicBaseUrl).href;
	const boardUrl = new URL('/prikbord', config.publicBaseUrl).href;
	const planUrl = new URL('/signaleringsplan', config.publicBaseUrl).href;
	const measureUrl = new URL('/vragenlijst', config.publicBaseUrl).href;
	const optOutUrl = (personId: string) =>
		new URL(`/herinneringen/uit?t=${encodeURIComponent(optOutToken(personId, secret))}`, config.publicBaseUrl)
			.href;
	// What each notice says and where it leads: words only, never anything a participant wrote.
	const notice = (about: NoticeAbout | undefined, locale: 'nl' | 'en') => {
		const options = { locale };
		if (about === 'plan_review')
			return {
				subject: m.plan_review_notice_subject({}, options),
				text: m.plan_review_notice_text({}, options),
				action: m.plan_review_notice_action({}, options),
				url: planUrl
			};
		if (about === 'measure')
			return {
				subject: m.measure_notice_subject({}, options),
				text: m.measure_notice_text({}, options),
				action: m.measure_notice_action({}, options),
				url: measureUrl
			};
		return about === 'board'
			? {
					subject: m.board_notice_subject({}, options),
					text: m.board_notice_text({}, options),
					action: m.board_notice_action({}, options),
					url: boardUrl
				}
			: {
					subject: m.reminder_mail_subject({}, options),
					text: m.reminder_mail_text({}, options),
					action: m.reminder_mail_action({}, options),
					url: checkInUrl
				};
	};
	return {
		async email({ address, locale, personId, about }) {
			const said = notice(about, locale);
			await sendMail(config, {
				to: address,
				lang: locale,
				subject: said.subject,
				text: said.text,
				action: { label: said.action, url: said.url },
				unsubscribe: { label: m.reminder_mail_stop({}, { locale }), url: optOutUrl(personId) }
			});
		},
		async push({ personId, locale, about }) {
			const said = notice(about, locale);
			await sendPush(
				db,
				await vapidKeys(db, secret),
				vapidSubject(config),
				personId,
				{ title: 'Herstelpad', body: said.subject, url: said.url },
				connections.pushAgent
			);
		}
	};
}
