import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './guard';

describe('safeReturnPath', () => {
	it('keeps same-site paths as they come from a URL', () => {
		expect(safeReturnPath('/modules/1?klaar#stap')).toBe('/modules/1?klaar#stap');
		expect(safeReturnPath('/doel/%C3%A9%00')).toBe('/doel/%C3%A9%00');
	});

	it('refuses other sites and anything that cannot be a Location header', () => {
		for (const bad of [
			'//elders.example',
			'/\\elders.example',
			'https://x',
			'/a\nb',
			'/a\u0000',
			'/é',
			'/a b'
		])
			expect(safeReturnPath(bad), JSON.stringify(bad)).toBeNull();
	});

	it('gives only printable ASCII paths, whatever is sent', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
				const path = safeReturnPath(`/${value}`);
				// Printable ASCII is always a valid header value (no CR, LF, NUL or non-Latin-1).
				if (path !== null) expect(path).toMatch(/^\/[\x21-\x7e]*$/);
			})
		);
	});
});
