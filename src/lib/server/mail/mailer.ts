/**
 * Outgoing mail over SMTP (nodemailer; SMTP_URL). Without SMTP_URL, messages are written as .eml
 * files to DATA_DIR/outbox so a local try-out still works; the start-up notes say so.
 * Messages never contain health information: only that something is waiting, and a link.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';
import { logger } from '../log';

export interface Mail {
	to: string;
	subject: string;
	/** Plain text; also the basis of the HTML part. */
	text: string;
	/** One call to action, shown as a link in both parts. */
	action?: { label: string; url: string };
	lang: 'nl' | 'en';
	/** A last line with a link, e.g. to stop these messages (also sent as List-Unsubscribe). */
	unsubscribe?: { label: string; url: string };
}

let transport: Transporter | undefined;

function transportFor(config: Config): Transporter {
	// A small pool of reused connections: reminders go out in batches.
	transport ??= config.smtpUrl
		? nodemailer.createTransport(config.smtpUrl.includes('pool=') ? config.smtpUrl : withPool(config.smtpUrl))
		: nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	return transport;
}

function withPool(url: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}pool=true&maxConnections=5`;
}

const escape = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** An accessible HTML part: language set, real paragraphs, a large link, no images or tracking. */
export function htmlOf(mail: Mail): string {
	const paragraphs = mail.text
		.split(/\n{2,}/)
		.map((part) => `<p style="font-size:18px;line-height:1.5">${escape(part).replace(/\n/g, '<br>')}</p>`)
		.join('\n');
	const action = mail.action
		? `<p style="font-size:18px"><a href="${escape(mail.action.url)}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none">${escape(mail.action.label)}</a></p>`
		: '';
	const unsubscribe = mail.unsubscribe
		? `<p style="font-size:16px"><a href="${escape(mail.unsubscribe.url)}">${escape(mail.unsubscribe.label)}</a></p>`
		: '';
	return `<!doctype html>
<html lang="${mail.lang}"><head><meta charset="utf-8"><title>${escape(mail.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;color:#111827;max-width:36rem">
${paragraphs}
${action}
${unsubscribe}
</body></html>`;
}

/** Sends one message; throws when the SMTP server refuses it. */
export async function sendMail(config: Config, mail: Mail): Promise<void> {
	let text = mail.action ? `${mail.text}\n\n${mail.action.label}:\n${mail.action.url}\n` : `${mail.text}\n`;
	if (mail.unsubscribe) text += `\n${mail.unsubscribe.label}:\n${mail.unsubscribe.url}\n`;
	const info = await transportFor(config).sendMail({
		from: config.mailFrom,
		to: mail.to,
		subject: mail.subject,
		text,
		html: htmlOf(mail),
		// Mail programs show their own "unsubscribe" for this link; it opens the page with one button.
		...(mail.unsubscribe && {
			list: { unsubscribe: { url: mail.unsubscribe.url, comment: mail.unsubscribe.label } }
		})
	});
	if (!config.smtpUrl && 'message' in info && Buffer.isBuffer(info.message)) {
		const outbox = path.join(config.dataDir, 'outbox');
		await fs.mkdir(outbox, { recursive: true, mode: 0o700 });
		const file = path.join(
			outbox,
			`${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`
		);
		await fs.writeFile(file, info.message, { mode: 0o600 });
		logger.info({ file }, 'no SMTP_URL: mail written to the outbox');
	}
}
