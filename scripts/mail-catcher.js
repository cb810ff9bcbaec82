#!/usr/bin/env node
/**
 * A local mail catcher for trying Herstelpad out: an SMTP server that keeps every message in memory
 * and a page that lists them. Start it with `npm run mail`, then run the app with
 * SMTP_URL=smtp://127.0.0.1:2525 and open http://localhost:1080. Nothing is sent onwards.
 * MAIL_SMTP_PORT and MAIL_WEB_PORT choose other ports.
 */
import http from 'node:http';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.MAIL_SMTP_PORT ?? 2525);
const webPort = Number(process.env.MAIL_WEB_PORT ?? 1080);
/** @type {{ at: Date, to: string, subject: string, text: string }[]} */
const mails = [];

const escape = (value) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function decodeQuotedPrintable(value) {
	const bytes = value.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => `%${hex}`);
	try {
		return decodeURIComponent(bytes);
	} catch {
		return bytes;
	}
}

/** The plain-text part of a message (or the whole body), decoded for reading. */
function plainText(raw) {
	const part = /Content-Type: text\/plain[^]*?\r?\n\r?\n([^]*?)(?:\r?\n--|$)/i.exec(raw);
	const body = part
		? part[1]
		: raw
				.split(/\r?\n\r?\n/)
				.slice(1)
				.join('\n\n');
	return /Content-Transfer-Encoding: quoted-printable/i.test(raw) ? decodeQuotedPrintable(body) : body;
}

function header(raw, name) {
	const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(raw);
	return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS', 'AUTH'],
	logger: false,
	onData(stream, session, callback) {
		const chunks = [];
		stream.on('data', (chunk) => chunks.push(chunk));
		stream.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			mails.unshift({
				at: new Date(),
				to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(', '),
				subject: header(raw, 'Subject'),
				text: plainText(raw)
			});
			if (mails.length > 500) mails.pop();
			callback();
		});
	}
});

// A client that disconnects mid-conversation (a killed app, a network reset) is that client's
// problem: say so and keep serving everyone else.
smtp.on('error', (error) => {
	const code = /** @type {NodeJS.ErrnoException} */ (error).code ?? 'error';
	console.warn(`Mail catcher: a client connection ended early (${code}); still serving.`);
});

const page = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Herstelpad mail catcher (${mails.length})</title>
<meta http-equiv="refresh" content="10">
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem;font-size:18px}
article{border-bottom:1px solid #888;padding:.5rem 0}pre{white-space:pre-wrap}</style></head>
<body><h1>Mail caught on port ${smtpPort} (${mails.length})</h1>
<p>Run the app with <code>SMTP_URL=smtp://127.0.0.1:${smtpPort}</code>. This page refreshes every 10 seconds.</p>
${mails
	.map(
		(mail) => `<article><h2>${escape(mail.subject)}</h2>
<p>To ${escape(mail.to)} · ${mail.at.toISOString()}</p><pre>${escape(mail.text)}</pre></article>`
	)
	.join('\n')}
</body></html>`;

const web = http.createServer((request, response) => {
	if (request.url === '/api/mails') {
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mails));
		return;
	}
	response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
});

smtp.listen(smtpPort, '127.0.0.1', () => {
	web.listen(webPort, '127.0.0.1', () => {
		console.log(`Mail catcher: SMTP on 127.0.0.1:${smtpPort}, mails at http://localhost:${webPort}`);
		console.log(`Start the app with: SMTP_URL=smtp://127.0.0.1:${smtpPort} npm start`);
	});
});

for (const signal of ['SIGINT', 'SIGTERM'])
	process.on(signal, () => {
		smtp.close(() => web.close(() => process.exit(0)));
	});
