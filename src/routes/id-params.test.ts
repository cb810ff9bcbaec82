/**
 * Every route parameter is either an id (a UUID, checked by `requireUuidParams` before any query, so
 * a hostile id is 404 and never a database error) or one of the known other kinds. A new parameter
 * must be added to one of the two lists; a server file under an id parameter must call the check
 * (the calendar's shared actions do it in src/lib/server/calendar/actions.ts, the fidelity pages' in
 * src/lib/server/measures/fidelity/pages.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UUID_PARAMS } from '$lib/server/input';

const routes = import.meta.dirname;
/** Parameters that are no ids: checked by their own rules (numbers, keys, tokens, file parts). */
const OTHER_PARAMS = ['nummer', 'stap', 'les', 'bestand', 'token', 'versie', 'vraag'];

function serverFiles(folder: string): string[] {
	return fs
		.readdirSync(folder, { withFileTypes: true })
		.flatMap((entry) =>
			entry.isDirectory()
				? serverFiles(path.join(folder, entry.name))
				: /^\+(page\.server|layout\.server|server)\.ts$/.test(entry.name)
					? [path.join(folder, entry.name)]
					: []
		);
}

const files = serverFiles(routes).map((file) => path.relative(routes, file));
const paramsOf = (file: string) => [...file.matchAll(/\[(\w+)\]/g)].map((match) => match[1]!);

describe('route parameters', () => {
	it('are each an id or a known other kind', () => {
		const known = new Set<string>([...UUID_PARAMS, ...OTHER_PARAMS]);
		expect(files.flatMap(paramsOf).filter((param) => !known.has(param))).toEqual([]);
	});

	it('that are ids are checked in every server file under them', () => {
		const ids = new Set<string>(UUID_PARAMS);
		const unchecked = files.filter((file) => {
			if (!paramsOf(file).some((param) => ids.has(param))) return false;
			const source = fs.readFileSync(path.join(routes, file), 'utf8');
			return (
				!source.includes('requireUuidParams(') &&
				!/calendarActions\(|fidelity(List|Form|Print)(Load|Actions)\(/.test(source)
			);
		});
		expect(unchecked).toEqual([]);
	});
});
