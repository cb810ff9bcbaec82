import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

describe('parseRange', () => {
	it('reads the forms players send', () => {
		expect(parseRange(null, 1000)).toEqual({ kind: 'full' });
		expect(parseRange('bytes=0-', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 });
		expect(parseRange('bytes=100-199', 1000)).toEqual({ kind: 'partial', start: 100, end: 199 });
		expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
		expect(parseRange('bytes=900-5000', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
		expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 });
	});
	it('refuses ranges outside the file or malformed', () => {
		for (const header of ['bytes=1000-', 'bytes=500-100', 'bytes=-0', 'bytes=-', 'bytes=abc', 'bytes=1-2-3'])
			expect(parseRange(header, 1000), header).toEqual({ kind: 'unsatisfiable' });
	});
	it('sends the whole file for other units and several ranges', () => {
		expect(parseRange('items=0-5', 1000)).toEqual({ kind: 'full' });
		expect(parseRange('bytes=0-5,10-20', 1000)).toEqual({ kind: 'full' });
	});
	it('always answers a range inside the file', () => {
		fc.assert(
			fc.property(fc.string(), fc.nat(10_000), (header, size) => {
				const result = parseRange(header, size);
				if (result.kind === 'partial') {
					expect(result.start).toBeGreaterThanOrEqual(0);
					expect(result.end).toBeLessThan(size);
					expect(result.start).toBeLessThanOrEqual(result.end);
				}
			})
		);
		fc.assert(
			fc.property(fc.nat(5000), fc.nat(5000), fc.integer({ min: 1, max: 10_000 }), (a, b, size) => {
				const result = parseRange(`bytes=${a}-${b}`, size);
				if (a <= b && a < size)
					expect(result).toEqual({ kind: 'partial', start: a, end: Math.min(b, size - 1) });
				else expect(result).toEqual({ kind: 'unsatisfiable' });
			})
		);
	});
});
