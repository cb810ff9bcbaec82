/**
 * The participant area has no layout load (one fewer server load on every page): each of its pages
 * checks the area in its own server load. This test keeps it so for pages added later; the route
 * inventory (tests/e2e/route-inventory.test.ts) checks the outcome over HTTP for every role.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const area = path.join(import.meta.dirname, '(participant)');

function pageFolders(folder: string): string[] {
	const entries = fs.readdirSync(folder, { withFileTypes: true });
	const here = entries.some((entry) => entry.name === '+page.svelte') ? [folder] : [];
	return [
		...here,
		...entries
			.filter((entry) => entry.isDirectory())
			.flatMap((entry) => pageFolders(path.join(folder, entry.name)))
	];
}

describe('participant pages', () => {
	const folders = pageFolders(area);

	it('are found', () => {
		expect(folders.length).toBeGreaterThan(10);
	});

	it.each(folders.map((folder) => [path.relative(area, folder) || '/', folder]))(
		'%s checks the area in its server load',
		(_name, folder) => {
			const load = path.join(folder, '+page.server.ts');
			expect(fs.existsSync(load), `${load} is missing`).toBe(true);
			expect(fs.readFileSync(load, 'utf8')).toMatch(/await requireArea\(locals, url, 'participant'\)/);
		}
	);
});
