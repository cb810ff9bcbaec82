/**
 * Codes from the demo staff's authenticator key, as a phone app would show them. Herstelpad accepts
 * each 30-second step once per person (replay protection), and one step of clock drift either way;
 * this helper remembers which steps a test run used and waits for a fresh one when needed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { DEMO_TOTP_SECRET } from '../../src/lib/server/demo/seed';

const totp = new TOTP({
	secret: Secret.fromBase32(DEMO_TOTP_SECRET),
	digits: 6,
	period: 30,
	algorithm: 'SHA1'
});
const usedFile = path.join(os.tmpdir(), `herstelpad-totp-steps-${process.ppid}.json`);

function usedSteps(): Record<string, number> {
	try {
		return JSON.parse(fs.readFileSync(usedFile, 'utf8')) as Record<string, number>;
	} catch {
		return {};
	}
}

/** A code for `who` (e.g. base URL + email) that this test run has not used yet. */
export async function freshCode(who: string, secret = DEMO_TOTP_SECRET): Promise<string> {
	const generator =
		secret === DEMO_TOTP_SECRET
			? totp
			: new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
	const used = usedSteps();
	const current = () => Math.floor(Date.now() / 30_000);
	// The server accepts the current step and its neighbours. The current and the next step stay
	// valid long enough for a form to be filled in; the previous one may expire on the way.
	const step = Math.max(current(), (used[who] ?? 0) + 1);
	while (step > current() + 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
	fs.writeFileSync(usedFile, JSON.stringify({ ...usedSteps(), [who]: step }));
	return generator.generate({ timestamp: step * 30_000 });
}
