/**
 * Participant pages run one server load each, their own: there is no root or participant layout
 * load. So each page's load goes through `participantPage` (src/lib/server/pages/shell.ts), which
 * checks the area before anything else and adds the frame's data. This test keeps it so for pages
 * added later; the route inventory (tests/e2e/route-inventory.test.ts) checks the outcome over HTTP
 * for every role.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const area = path.join(import.meta.dirname, '(participant)');
const CHECK = 'participantPage(event, ';

/** Files named `name` in `folder` and below. */
function filesNamed(folder: string, name: string): string[] {
	return fs
		.readdirSync(folder, { withFileTypes: true })
		.flatMap((entry) =>
			entry.isDirectory()
				? filesNamed(path.join(folder, entry.name), name)
				: entry.name === name
					? [path.join(folder, entry.name)]
					: []
		);
}

describe('participant pages', () => {
	const folders = filesNamed(area, '+page.svelte').map((page) => path.dirname(page));

	it('are found', () => {
		expect(folders.length).toBeGreaterThan(10);
	});

	it.each(folders.map((folder) => [path.relative(area, folder) || '/', folder]))(
		'%s checks the area in its server load, through participantPage',
		(_name, folder) => {
			const load = path.join(folder, '+page.server.ts');
			expect(fs.existsSync(load), `${load} is missing`).toBe(true);
			const source = fs.readFileSync(load, 'utf8');
			const body = source.slice(source.indexOf('export const load'));
			expect(body.startsWith('export const load'), 'the page has a load').toBe(true);
			const check = body.indexOf(CHECK);
			expect(check, 'the load goes through participantPage').toBeGreaterThan(0);
			const before = body.slice(0, check);
			expect(before, 'and awaits nothing before it').not.toContain('await ');
			const next = body.indexOf('\nexport ');
			expect(next === -1 || next > check, 'within the load itself').toBe(true);
		}
	);

	it('have no endpoints that could answer without the check', () => {
		// Page-like GET requests pass the hooks' role check to the page's load; an endpoint has none.
		for (const endpoint of filesNamed(area, '+server.ts'))
			expect(fs.readFileSync(endpoint, 'utf8'), endpoint).toContain(
				"requireArea(locals, url, 'participant')"
			);
	});
});
