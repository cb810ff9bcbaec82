/**
 * A local web-push endpoint for tests: it checks the VAPID signature (RFC 8292) and decrypts the
 * aes128gcm payload (RFC 8188/8291) with the subscription's private key, written here from the
 * RFCs with node:crypto so the app's push library is not checking itself.
 */
import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

export interface ReceivedPush {
	/** The decrypted message. */
	text: string;
	/** The VAPID public key that signed the request. */
	vapidKey: string;
	subject: string;
}

export interface PushEndpoint {
	endpoint: string;
	keys: { p256dh: string; auth: string };
	received: ReceivedPush[];
	/** Requests refused, with the reason (a bad signature, a payload that does not decrypt). */
	refused: string[];
	/** Trusts the endpoint's self-signed certificate (push services are always https). */
	agent: https.Agent;
	close(): Promise<void>;
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

function checkVapid(header: string | undefined, audience: string): { key: string; subject: string } {
	const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
	if (!match) throw new Error('no vapid authorization');
	const [, token, key] = match as unknown as [string, string, string];
	const [head, body, signature] = token.split('.');
	if (!head || !body || !signature) throw new Error('malformed token');
	const raw = Buffer.from(key, 'base64url');
	const publicKey = createPublicKey({
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: raw.subarray(1, 33).toString('base64url'),
			y: raw.subarray(33, 65).toString('base64url')
		},
		format: 'jwk'
	});
	const valid = verify(
		'sha256',
		Buffer.from(`${head}.${body}`),
		{ key: publicKey, dsaEncoding: 'ieee-p1363' },
		Buffer.from(signature, 'base64url')
	);
	if (!valid) throw new Error('bad signature');
	const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
		aud: string;
		exp: number;
		sub: string;
	};
	if (JSON.parse(Buffer.from(head, 'base64url').toString('utf8')).alg !== 'ES256')
		throw new Error('not ES256');
	if (claims.aud !== audience) throw new Error(`wrong audience ${claims.aud}`);
	if (!(claims.exp * 1000 > Date.now()) || claims.exp * 1000 > Date.now() + 24 * 3600_000)
		throw new Error('bad expiry');
	if (!claims.sub) throw new Error('no subject');
	return { key, subject: claims.sub };
}

function decrypt(body: Buffer, receiver: ReturnType<typeof createECDH>, authSecret: Buffer): string {
	const salt = body.subarray(0, 16);
	const idLength = body.readUInt8(20);
	const senderKey = body.subarray(21, 21 + idLength);
	const ciphertext = body.subarray(21 + idLength);
	const shared = receiver.computeSecret(senderKey);
	const keyInfo = Buffer.concat([
		Buffer.from('WebPush: info\0'),
		receiver.getPublicKey(),
		senderKey,
		Buffer.from([1])
	]);
	const ikm = hmac(hmac(authSecret, shared), keyInfo);
	const prk = hmac(salt, ikm);
	const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
	const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
	const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
	decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
	const padded = Buffer.concat([
		decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
		decipher.final()
	]);
	const end = padded.lastIndexOf(2); // the last record's delimiter, then padding zeros
	return padded.subarray(0, end).toString('utf8');
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
	const receiver = createECDH('prime256v1');
	receiver.generateKeys();
	const authSecret = randomBytes(16);
	const received: ReceivedPush[] = [];
	const refused: string[] = [];
	// A throw-away certificate for 127.0.0.1, made with the openssl command line.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-push-'));
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:P-256',
			'-nodes',
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
			'-keyout',
			path.join(dir, 'key.pem'),
			'-out',
			path.join(dir, 'cert.pem')
		],
		{ stdio: 'ignore' }
	);
	const cert = fs.readFileSync(path.join(dir, 'cert.pem'));
	const key = fs.readFileSync(path.join(dir, 'key.pem'));
	const server = https.createServer({ cert, key }, (request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			try {
				if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
				const origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
				const vapid = checkVapid(request.headers.authorization, origin);
				received.push({
					text: decrypt(Buffer.concat(chunks), receiver, authSecret),
					vapidKey: vapid.key,
					subject: vapid.subject
				});
				response.writeHead(201).end();
			} catch (error) {
				refused.push(String(error));
				response.writeHead(400).end();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	return {
		endpoint: `https://127.0.0.1:${port}/push/abc`,
		agent: new https.Agent({ ca: cert }),
		keys: { p256dh: receiver.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
		received,
		refused,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
