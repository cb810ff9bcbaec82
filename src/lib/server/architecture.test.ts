/**
 * The house rules that keep the doors in one place (issue 16), checked over the sources:
 * - no server module outside `access/` (and the pure policy) compares an actor's role;
 * - capabilities throw the error vocabulary of `./errors`, never SvelteKit's `error()`;
 * - routes reach the database through `locals.db`, never through the runtime.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

function sources(dir: string, keep: (file: string) => boolean): string[] {
	const found: string[] = [];
	for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const file = path.relative(root, path.join(entry.parentPath, entry.name));
		if (keep(file)) found.push(file);
	}
	return found.sort();
}

const isTest = (file: string) => /\.test\.ts$/.test(file);
const serverModules = sources('src/lib/server', (file) => file.endsWith('.ts') && !isTest(file));
const serverRoutes = sources('src/routes', (file) => /(\+server|\.server)\.ts$/.test(file));
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** A comparison with a role, on an actor or a loaded row: `x.role === 'trainer'`, `switch (actor.role)`. */
const ROLE_COMPARISON = /\.role\s*[!=]==|[!=]==\s*[\w.?]*\.role\b|switch\s*\(\s*[\w.?]*\.role\s*\)/;

/** Files (outside the allowed ones) whose text matches. */
function offenders(files: string[], pattern: RegExp, allowed: (file: string) => boolean): string[] {
	return files.filter((file) => !allowed(file) && pattern.test(read(file)));
}

describe('the house rules', () => {
	it('recognises a role comparison when it sees one', () => {
		for (const text of [
			"actor.role === 'trainer'",
			"if (locals.actor?.role !== 'coordinator')",
			'switch (actor.role) {'
		])
			expect(ROLE_COMPARISON.test(text), text).toBe(true);
		expect(ROLE_COMPARISON.test("owner.role !== 'participant'")).toBe(true);
		expect(ROLE_COMPARISON.test("eq(person.role, 'participant')")).toBe(false);
	});

	it('compares roles only in the access module', () => {
		const found = offenders([...serverModules, ...serverRoutes], ROLE_COMPARISON, (file) =>
			file.startsWith('src/lib/server/access/')
		);
		expect(found).toEqual([]);
	});

	it("lets capabilities throw the error vocabulary, not SvelteKit's error()", () => {
		// The composition root, the route helper, the area guard and the error pages answer HTTP themselves.
		const http = /^src\/lib\/server\/(runtime|route|input)\.ts$|^src\/lib\/server\/(pages|auth\/guard)/;
		const found = offenders(
			serverModules,
			/import\s*\{[^}]*\berror\b[^}]*\}\s*from\s*'@sveltejs\/kit'/,
			(file) => http.test(file)
		);
		expect(found).toEqual([]);
	});

	it('gives routes the database through locals.db, not the runtime', () => {
		// The readiness probe asks the runtime itself whether it is up.
		const found = offenders(
			serverRoutes,
			/\$lib\/server\/runtime/,
			(file) => file === 'src/routes/readyz/+server.ts'
		);
		expect(found).toEqual([]);
	});
});
