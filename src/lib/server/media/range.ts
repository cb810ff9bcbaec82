/**
 * HTTP range requests for media (RFC 9110 §14): one range per request, which is what video players
 * ask for. Several ranges are answered with the whole file, as the RFC allows.
 */
export type RangeResult =
	{ kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/** What to send for a Range header value and a file of `size` bytes. */
export function parseRange(header: string | null, size: number): RangeResult {
	if (header === null) return { kind: 'full' };
	const value = header.trim();
	if (!value.startsWith('bytes=')) return { kind: 'full' };
	if (value.includes(',')) return { kind: 'full' };
	const match = SINGLE.exec(value.replace(/\s+/g, ''));
	if (!match) return { kind: 'unsatisfiable' };
	const [, first = '', last = ''] = match;
	if (first === '' && last === '') return { kind: 'unsatisfiable' };
	if (first === '') {
		// "bytes=-500": the last 500 bytes.
		const length = Number(last);
		if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
		return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
	}
	const start = Number(first);
	const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
	if (!Number.isSafeInteger(start) || start >= size || (last !== '' && Number(last) < start))
		return { kind: 'unsatisfiable' };
	return { kind: 'partial', start, end };
}
