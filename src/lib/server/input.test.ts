import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseForm } from './forms';
import {
	freeText,
	hasRefusedCharacters,
	INVALID_CHARACTERS,
	isUuidText,
	lineText,
	requireUuidParams,
	storableText,
	uuid
} from './input';

/** Strings made of the characters attackers like: controls, surrogate halves, bidi, path parts. */
const hostileChar = fc.constantFrom(
	'\u0000',
	'\u0001',
	'\u001b',
	'\u007f',
	'\u0085',
	'\u009f',
	'\uD800',
	'\uDC00',
	'\u202E',
	'\u2066',
	'\u2069',
	'\u200F',
	'\t',
	'\n',
	'\r',
	'\r\n',
	'../',
	'%00',
	'e\u0301',
	'😀',
	'a',
	' '
);
const hostileString = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 60 }),
	fc.array(hostileChar, { maxLength: 30 }).map((parts) => parts.join(''))
);

const storable = (value: string) => !value.includes('\u0000') && value.isWellFormed();

describe('freeText', () => {
	const schema = freeText(50, { required: 'message_required' });

	it('keeps newlines and tabs, turns CRLF into LF, normalises to NFC and trims', () => {
		expect(schema.parse('  e\u0301en\r\nregel\ttab\rx  ')).toBe('\u00e9en\nregel\ttab\nx');
	});

	it('refuses NUL, other control characters and lone surrogates with the translated key', () => {
		for (const bad of ['hallo\u0000', 'a\u0001b', 'esc\u001b[31m', 'del\u007f', 'c1\u0085', 'half\uD800'])
			expect(schema.safeParse(bad).error?.issues[0]?.message, JSON.stringify(bad)).toBe(INVALID_CHARACTERS);
	});

	it('allows bidi characters in free text (their effect ends with the paragraph)', () => {
		expect(schema.parse('abc \u202Edef\u202C')).toBe('abc \u202Edef\u202C');
	});

	it('names an empty or missing required field and a too long one', () => {
		expect(schema.safeParse('   ').error?.issues[0]?.message).toBe('message_required');
		expect(schema.safeParse(undefined).error?.issues[0]?.message).toBe('message_required');
		expect(schema.safeParse('x'.repeat(51)).error?.issues[0]?.message).toBe('too_long');
		expect(schema.safeParse('x'.repeat(100_000)).error?.issues[0]?.message).toBe('too_long');
	});

	it('makes a missing optional field empty text', () => {
		expect(freeText(10).parse(undefined)).toBe('');
	});

	it('for any input: either a storable, normalised text within the limit, or a known message key', () => {
		fc.assert(
			fc.property(hostileString, (value) => {
				const result = schema.safeParse(value);
				if (result.success) {
					expect(storable(result.data)).toBe(true);
					expect(result.data).toBe(result.data.normalize('NFC'));
					// eslint-disable-next-line no-control-regex -- the characters that must not get through
					expect(result.data).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
					expect(result.data.length).toBeGreaterThan(0);
					expect(result.data.length).toBeLessThanOrEqual(50);
				} else {
					expect(['message_required', 'too_long', INVALID_CHARACTERS]).toContain(
						result.error.issues[0]?.message
					);
				}
			}),
			{ numRuns: 500 }
		);
	});
});

describe('lineText', () => {
	const schema = lineText(30, { required: 'name_required' });

	it('refuses newlines, tabs and bidi overrides and isolates in a name', () => {
		for (const bad of ['An\nna', 'An\tna', 'Anna\u202Egpj.exe', 'x\u2066y', 'x\u202Ay'])
			expect(schema.safeParse(bad).error?.issues[0]?.message, JSON.stringify(bad)).toBe(INVALID_CHARACTERS);
	});

	it('accepts names in any script, normalised to NFC', () => {
		expect(schema.parse(' Zoë ')).toBe('Zoë');
		expect(schema.parse('Zoe\u0308')).toBe('Zoë');
		expect(schema.parse('محمد')).toBe('محمد');
	});

	it('for any input: either a storable single line without bidi controls, or a known message key', () => {
		fc.assert(
			fc.property(hostileString, (value) => {
				const result = schema.safeParse(value);
				if (result.success) {
					expect(storable(result.data)).toBe(true);
					expect(hasRefusedCharacters(result.data, 'line')).toBe(false);
					expect(result.data.length).toBeLessThanOrEqual(30);
				} else {
					expect(['name_required', 'too_long', INVALID_CHARACTERS]).toContain(
						result.error.issues[0]?.message
					);
				}
			}),
			{ numRuns: 500 }
		);
	});
});

describe('uuid', () => {
	it('accepts a UUID in any case and gives it in lower case', () => {
		expect(uuid().parse('0E8F2B7A-1C3D-4E5F-8A9B-0C1D2E3F4A5B')).toBe('0e8f2b7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b');
	});

	it('refuses everything else with the given key', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					hostileString,
					fc.uuid().map((id) => id + '\u0000'),
					fc.uuid().map((id) => ` ${id}`),
					fc.constantFrom('../', '1e400', '9'.repeat(400), '')
				),
				(value) => {
					fc.pre(!isUuidText(value));
					expect(uuid('group_required').safeParse(value).error?.issues[0]?.message).toBe('group_required');
				}
			)
		);
	});

	it('accepts every UUID fast-check makes', () => {
		fc.assert(
			fc.property(fc.uuid(), (id) => {
				expect(uuid().parse(id)).toBe(id.toLowerCase());
			})
		);
	});
});

describe('requireUuidParams', () => {
	it('lets UUIDs and other parameters through', () => {
		expect(() =>
			requireUuidParams({ groep: '00000000-0000-4000-8000-000000000000', nummer: '../', token: '\u0000' })
		).not.toThrow();
	});

	it('answers 404 for any id parameter that is no UUID', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('groep', 'deelnemer', 'sessie', 'doel', 'id'),
				hostileString,
				(name, value) => {
					fc.pre(!isUuidText(value));
					expect(() => requireUuidParams({ [name]: value })).toThrow(
						expect.objectContaining({ status: 404 })
					);
				}
			)
		);
	});
});

describe('storableText', () => {
	it('drops NUL and replaces a lone surrogate, keeping everything else', () => {
		expect(storableText('a\u0000b\uD800c😀\t')).toBe('ab\uFFFDc😀\t');
	});

	it('always gives text PostgreSQL can store, also as JSON', () => {
		fc.assert(
			fc.property(hostileString, (value) => {
				const kept = storableText(value);
				expect(storable(kept)).toBe(true);
				expect(JSON.stringify(kept)).not.toMatch(/\\u(0000|d[89a-f])/i);
			})
		);
	});
});

describe('parseForm refuses what no field can hold', () => {
	const schema = z.object({ naam: z.string(), wachtwoord: z.string() });

	// (FormData and URLSearchParams already turn a lone surrogate into U+FFFD, as a request body does.)
	it('refuses a NUL byte in any field, keeping the values to show again', () => {
		const form = new FormData();
		form.append('naam', 'An\u0000na');
		form.append('wachtwoord', 'geheim\u0000');
		expect(parseForm(schema, form)).toEqual({
			ok: false,
			values: { naam: 'An\u0000na', wachtwoord: 'geheim\u0000' },
			errors: { naam: INVALID_CHARACTERS, wachtwoord: INVALID_CHARACTERS }
		});
	});

	it('never throws and never accepts a value with NUL, whatever fields are posted', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.oneof(fc.constantFrom('naam', 'wachtwoord'), fc.string()), hostileString), {
					maxLength: 8
				}),
				(entries) => {
					const params = new URLSearchParams();
					for (const [key, value] of entries) params.append(key, value);
					const parsed = parseForm(schema, params);
					if (parsed.ok) {
						expect(storable(parsed.data.naam)).toBe(true);
						expect(storable(parsed.data.wachtwoord)).toBe(true);
					} else {
						for (const key of Object.values(parsed.errors)) expect(typeof key).toBe('string');
					}
				}
			)
		);
	});
});
