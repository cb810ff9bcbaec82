/**
 * A real SMTP server for the browser tests (npm smtp-server on loopback): the app sends its mail
 * here over SMTP, and each message is written to a directory the tests read.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailCapture {
	port: number;
	dir: string;
	close(): Promise<void>;
}

export async function startMailCapture(dir: string): Promise<MailCapture> {
	await fsp.mkdir(dir, { recursive: true });
	// Messages are written beside the directory and renamed into it: a reader of the directory never
	// meets half a message (nor a file that disappears while it reads).
	const staging = `${dir}-partial`;
	await fsp.mkdir(staging, { recursive: true });
	let count = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(',');
				const name = `${String(++count).padStart(4, '0')}.eml`;
				const [file, partial] = [path.join(dir, name), path.join(staging, name)];
				const content = `X-Envelope-To: ${to}\r\n${Buffer.concat(chunks).toString('utf8')}`;
				fs.writeFile(partial, content, (error) =>
					error ? callback(error) : fs.rename(partial, file, (renamed) => callback(renamed ?? null))
				);
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		port,
		dir,
		close: async () => {
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await fsp.rm(staging, { recursive: true, force: true });
		}
	};
}

/**
 * Decodes quoted-printable text (soft line breaks and =XX bytes) byte by byte, so one stray "=XX"
 * elsewhere (a header is not encoded: `?t=91…` in a link) cannot spoil the decoding of the rest.
 */
export function decodeQuotedPrintable(value: string): string {
	const joined = value.replace(/=\r?\n/g, '');
	const parts: Buffer[] = [];
	let last = 0;
	for (const match of joined.matchAll(/=([0-9A-F]{2})/g)) {
		parts.push(Buffer.from(joined.slice(last, match.index), 'utf8'), Buffer.from([parseInt(match[1]!, 16)]));
		last = match.index + match[0].length;
	}
	parts.push(Buffer.from(joined.slice(last), 'utf8'));
	return new TextDecoder().decode(Buffer.concat(parts));
}

/** Waits for a message to `to` whose text matches `pattern`; returns the decoded message. */
export async function waitForMail(
	dir: string,
	to: string,
	pattern: RegExp,
	timeoutMs = 15_000
): Promise<string> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const files = (await fsp.readdir(dir).catch(() => [] as string[]))
			.filter((file) => file.endsWith('.eml'))
			.sort()
			.reverse();
		for (const file of files) {
			const raw = await fsp.readFile(path.join(dir, file), 'utf8');
			if (!raw.startsWith(`X-Envelope-To: ${to}`)) continue;
			const text = decodeQuotedPrintable(raw);
			if (pattern.test(text)) return text;
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`no mail to ${to} matching ${pattern} within ${timeoutMs} ms`);
}
