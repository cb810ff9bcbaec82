import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { signInInput } from './auth/schema';
import { parseForm } from './forms';

const knownKeys = ['email_required', 'email_invalid', 'password_required', 'too_long', 'invalid'];

function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [key, value] of entries) form.append(key, value);
	return form;
}

describe('parseForm with the sign-in schema', () => {
	it('accepts a valid sign-in and trims the email', () => {
		const parsed = parseForm(
			signInInput,
			formOf([
				['email', '  anna@example.org '],
				['password', 'geheim123']
			])
		);
		expect(parsed).toEqual({ ok: true, data: { email: 'anna@example.org', password: 'geheim123' } });
	});

	it('names each missing field with its own message and keeps what was typed', () => {
		const parsed = parseForm(
			signInInput,
			formOf([
				['email', 'anna'],
				['password', '']
			])
		);
		expect(parsed).toEqual({
			ok: false,
			values: { email: 'anna', password: '' },
			errors: { email: 'email_invalid', password: 'password_required' }
		});
	});

	it('treats an uploaded file in a text field as empty', () => {
		const form = formOf([['password', 'x']]);
		form.append('email', new Blob(['a@b.nl']), 'email.txt');
		expect(parseForm(signInInput, form)).toMatchObject({ ok: false, errors: { email: 'email_required' } });
	});

	it('never throws and only uses known message keys, whatever is posted', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.oneof(fc.constantFrom('email', 'password', 'terug'), fc.string()),
						fc.string({ maxLength: 400 })
					),
					{
						maxLength: 8
					}
				),
				(entries) => {
					const parsed = parseForm(signInInput, formOf(entries));
					if (parsed.ok) {
						expect(parsed.data.email).toMatch(/@/);
						return;
					}
					for (const key of Object.values(parsed.errors)) expect(knownKeys).toContain(key);
				}
			)
		);
	});
});

describe('parseForm with a list field (checkboxes of one name)', () => {
	const schema = z.object({ ids: z.array(z.string().regex(/^\d+$/, 'invalid')).min(1, 'none_selected') });
	const formOf = (entries: [string, string][]) => {
		const form = new FormData();
		for (const [key, value] of entries) form.append(key, value);
		return form;
	};

	it('hands the schema every value, and none as an empty list', () => {
		const lists = { lists: ['ids'] };
		expect(
			parseForm(
				schema,
				formOf([
					['ids', '1'],
					['x', 'y'],
					['ids', '2']
				]),
				lists
			)
		).toEqual({
			ok: true,
			data: { ids: ['1', '2'] }
		});
		expect(parseForm(schema, formOf([['x', 'y']]), lists)).toEqual({
			ok: false,
			values: { x: 'y' },
			lists: { ids: [] },
			errors: { ids: 'none_selected' }
		});
		const wrong = parseForm(
			schema,
			formOf([
				['ids', '1'],
				['ids', '1\u0000']
			]),
			lists
		);
		expect(wrong.ok ? null : wrong.errors).toEqual({ ids: 'invalid_characters' });
	});

	it('keeps fields named like object properties as plain fields', () => {
		const parsed = parseForm(
			schema,
			formOf([
				['constructor', 'a'],
				['__proto__', 'b']
			]),
			{ lists: ['ids'] }
		);
		expect(parsed.ok ? null : parsed.values).toEqual(
			Object.fromEntries([
				['constructor', 'a'],
				['__proto__', 'b']
			])
		);
	});
});
