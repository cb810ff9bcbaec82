#!/usr/bin/env node
/**
 * Prints the current sign-in code of the demo staff's authenticator key (synthetic demo data
 * only), for trying the demo without an authenticator app: `npm run demo:code`.
 */
import { Secret, TOTP } from 'otpauth';

// The same public key as DEMO_TOTP_SECRET in src/lib/server/demo/seed.ts.
const DEMO_TOTP_SECRET = 'HERSTELPADDEMOTOTPKEYVOORIEDEREEN';
const totp = new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), digits: 6, period: 30 });
const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(
	`Demo staff code: ${totp.generate()} (valid for about ${secondsLeft + 30} more seconds; each code works once)`
);
