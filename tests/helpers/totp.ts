/**
 * Codes from the demo staff's authenticator key, as a phone app would show them. Herstelpad accepts
 * each 30-second step once per person, only above the last step it accepted (replay protection),
 * and one step of clock drift either way. Steps are claimed atomically per account across every
 * process of the test run, and sent in step order (step-claims.js explains how).
 */
import { Secret, TOTP } from 'otpauth';
import { DEMO_TOTP_SECRET } from '../../src/lib/server/demo/seed';
import { STEP_MS, withStepClaim } from './step-claims.js';

const generatorFor = (secret: string) =>
	new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });

/**
 * Runs `use(code)` with a code for `who` that no other sign-in of this run uses, once every sign-in
 * of `who` with an earlier step has been answered; `use` sends the code and waits for the answer.
 * `who` names the account whose replay check the server keeps: the app's database and the person
 * (base URL + email). Two app instances on one database must use the same name (one instance's URL).
 */
export async function withFreshCode<T>(
	who: string,
	use: (code: string) => Promise<T>,
	secret = DEMO_TOTP_SECRET
): Promise<T> {
	const generator = generatorFor(secret);
	return withStepClaim(who, (step) => use(generator.generate({ timestamp: step * STEP_MS })));
}

/**
 * A code for `who` that no other sign-in of this run uses, to be sent at once. The claim counts as
 * answered straight away: when another process may sign the same person in at the same moment,
 * use withFreshCode, which keeps the steps in order until the server has answered.
 */
export function freshCode(who: string, secret = DEMO_TOTP_SECRET): Promise<string> {
	return withFreshCode(who, async (code) => code, secret);
}
