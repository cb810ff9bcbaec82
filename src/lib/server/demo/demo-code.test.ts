import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_TOTP_SECRET } from './seed';

describe('npm run demo:code', () => {
	it('uses the demo staff key the seed gives the demo staff', () => {
		const script = fs.readFileSync('scripts/demo-code.js', 'utf8');
		expect(script).toContain(`'${DEMO_TOTP_SECRET}'`);
	});
});
