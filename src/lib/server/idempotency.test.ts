import { describe, expect, it } from 'vitest';
import { formKey, newFormKey } from './idempotency';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

describe('formKey', () => {
	it('reads the key the page rendered; none is unguarded; anything else is refused', () => {
		const key = newFormKey();
		expect(formKey(form({ sleutel: key }))).toEqual({ key });
		expect(formKey(form({ sleutel: key.toUpperCase() }))).toEqual({ key });
		expect(formKey(form({}))).toEqual({ key: null });
		expect(formKey(form({ sleutel: '' }))).toEqual({ key: null });
		for (const bad of ['niet-een-sleutel', `${key}\u0000`, '../', `${key}x`, 'x'.repeat(100_000)])
			expect(formKey(form({ sleutel: bad }))).toBeNull();
		const file = new FormData();
		file.set('sleutel', new Blob(['x']), 'sleutel.txt');
		expect(formKey(file)).toBeNull();
	});
});
