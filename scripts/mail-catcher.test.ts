/**
 * `npm run mail` keeps serving when a client dies in the middle of a conversation (issue 24,
 * item 10): a reset during DATA used to end the process with an unhandled ECONNRESET.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../tests/helpers/app';

const children: ChildProcess[] = [];
afterAll(() => {
	for (const child of children) child.kill('SIGKILL');
});

/** Resolves with what the server said once `done` is true of it, or rejects when it closes first. */
function talk(socket: net.Socket, done: (said: string) => boolean): Promise<string> {
	return new Promise((resolve, reject) => {
		let said = '';
		const onData = (chunk: Buffer) => {
			said += chunk.toString();
			if (done(said)) {
				socket.off('data', onData);
				resolve(said);
			}
		};
		socket.on('data', onData);
		socket.once('close', () => reject(new Error(`closed after: ${said}`)));
	});
}

function connect(port: number): Promise<net.Socket> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
		socket.once('error', reject);
	});
}

/** Sends one command and waits for its final reply line ("250 …", not "250-…"). */
async function command(socket: net.Socket, line: string, code: string): Promise<void> {
	socket.write(`${line}\r\n`);
	await talk(socket, (said) => new RegExp(`^${code} `, 'm').test(said));
}

/** Opens a conversation up to an accepted recipient: a mail transaction is under way. */
async function openTransaction(port: number, to: string): Promise<net.Socket> {
	const socket = await connect(port);
	socket.on('error', () => undefined);
	await talk(socket, (said) => /^220 /m.test(said));
	await command(socket, 'EHLO test', '250');
	await command(socket, 'MAIL FROM:<a@test.example>', '250');
	await command(socket, `RCPT TO:<${to}>`, '250');
	return socket;
}

describe('npm run mail', { timeout: 30_000 }, () => {
	it('keeps serving after a client resets its connection during a mail transaction', async () => {
		const [smtpPort, webPort] = [await freePort(), await freePort()];
		const child = spawn(process.execPath, ['scripts/mail-catcher.js'], {
			env: { ...process.env, MAIL_SMTP_PORT: String(smtpPort), MAIL_WEB_PORT: String(webPort) },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		children.push(child);
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		await expect.poll(() => output, { timeout: 10_000 }).toContain('Mail catcher: SMTP on');

		// The server waits for the next command when the reset comes, so it reads ECONNRESET.
		const dying = await openTransaction(smtpPort, 'lost@test.example');
		dying.resetAndDestroy();
		// Either the catcher notices the reset and says so, or (the old behaviour) it exits.
		await expect
			.poll(() => output.includes('ended early') || child.exitCode !== null, { timeout: 10_000 })
			.toBe(true);
		expect(child.exitCode).toBeNull();

		const next = await openTransaction(smtpPort, 'kept@test.example');
		await command(next, 'DATA', '354');
		await command(next, 'Subject: hello\r\n\r\nA whole message.\r\n.', '250');
		next.end('QUIT\r\n');
		const mails = (await (await fetch(`http://127.0.0.1:${webPort}/api/mails`)).json()) as {
			to: string;
		}[];
		expect(mails.map((mail) => mail.to)).toEqual(['kept@test.example']);
	});
});
