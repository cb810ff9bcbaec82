import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeDevice } from './device';

describe('describeDevice', () => {
	it('names common browsers and systems', () => {
		expect(
			describeDevice(
				'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'
			)
		).toEqual({ browser: 'Chrome', system: 'Android' });
		expect(
			describeDevice(
				'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'
			)
		).toEqual({ browser: 'Safari', system: 'iOS' });
		expect(
			describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0')
		).toEqual({
			browser: 'Firefox',
			system: 'Windows'
		});
		expect(describeDevice(null)).toEqual({ browser: null, system: null });
	});

	it('never throws', () => {
		fc.assert(
			fc.property(fc.string(), (ua) => {
				describeDevice(ua);
			})
		);
	});
});
