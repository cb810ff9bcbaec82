/**
 * The house rules that keep the doors in one place (issue 16), checked over the sources:
 * - no server module outside `access/` (and the pure policy) compares an actor's role;
 * - capabilities throw the error vocabulary of `./errors`, never SvelteKit's `error()`;
 * - routes reach the database through `locals.db`, never through the runtime.
 * Each `STILL_…` list names files not yet moved; it only shrinks (a listed file that is clean fails too).
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

/** `actor.role === 'x'`, `locals.actor.role !== …`, `switch (actor.role)`, `.role ===` on anything called actor. */
const ROLE_COMPARISON =
	/\b\w*[aA]ctor\??\.role\s*[!=]==|[!=]==\s*\w*[aA]ctor\??\.role\b|switch\s*\(\s*\w*[aA]ctor\??\.role\s*\)/;

const STILL_COMPARING_ROLES: string[] = [
	'src/lib/server/audit/queries.ts',
	'src/lib/server/auth/sso.ts',
	'src/lib/server/cards/commands.ts',
	'src/lib/server/guidance/attention.ts',
	'src/lib/server/guidance/intake.ts',
	'src/lib/server/guidance/messages.ts',
	'src/lib/server/guidance/starter-lessons.ts',
	'src/lib/server/guidance/tour.ts',
	'src/lib/server/people/invitations.ts',
	'src/lib/server/people/lifecycle.ts',
	'src/lib/server/people/queries.ts',
	'src/lib/server/reminders/settings.ts',
	'src/routes/api/push/+server.ts'
];
const STILL_USING_KIT_ERROR: string[] = [
	'src/lib/server/auth/sessions.ts',
	'src/lib/server/cards/commands.ts',
	'src/lib/server/people/invitations.ts',
	'src/lib/server/people/lifecycle.ts',
	'src/lib/server/people/queries.ts'
];
const STILL_USING_RUNTIME_IN_ROUTES: string[] = [
	'src/routes/(admin)/beheer/sso/+page.server.ts',
	'src/routes/(participant)/doel/+page.server.ts',
	'src/routes/(participant)/herinneringen/+page.server.ts',
	'src/routes/(participant)/startlessen/+page.server.ts',
	'src/routes/account/sleutel/+server.ts',
	'src/routes/account/sleutels/+page.server.ts',
	'src/routes/account/verlengen/+server.ts',
	'src/routes/herinneringen/uit/+page.server.ts',
	'src/routes/inloggen/+page.server.ts',
	'src/routes/inloggen/link/+page.server.ts',
	'src/routes/inloggen/link/[token]/+page.server.ts',
	'src/routes/inloggen/sleutel/+server.ts',
	'src/routes/inloggen/sso/+page.server.ts',
	'src/routes/inloggen/sso/terug/+server.ts',
	'src/routes/inloggen/tweede-stap/+page.server.ts',
	'src/routes/kaart/+page.server.ts',
	'src/routes/uitloggen/+server.ts',
	'src/routes/uitnodiging/[token]/+page.server.ts'
];

/** Files (outside the allowed ones) whose text matches. */
function offenders(files: string[], pattern: RegExp, allowed: (file: string) => boolean): string[] {
	return files.filter((file) => !allowed(file) && pattern.test(read(file)));
}

function expectOnlyShrinking(found: string[], still: string[]) {
	expect(
		found.filter((file) => !still.includes(file)),
		'new offenders'
	).toEqual([]);
	expect(
		still.filter((file) => !found.includes(file)),
		'moved already: take them off the list'
	).toEqual([]);
}

describe('the house rules', () => {
	it('compares roles only in the access module', () => {
		const found = offenders([...serverModules, ...serverRoutes], ROLE_COMPARISON, (file) =>
			file.startsWith('src/lib/server/access/')
		);
		expectOnlyShrinking(found, STILL_COMPARING_ROLES);
	});

	it("lets capabilities throw the error vocabulary, not SvelteKit's error()", () => {
		// The composition root, the route helper, the area guard and the error pages answer HTTP themselves.
		const http = /^src\/lib\/server\/(runtime|route|input)\.ts$|^src\/lib\/server\/(pages|auth\/guard)/;
		const found = offenders(
			serverModules,
			/import\s*\{[^}]*\berror\b[^}]*\}\s*from\s*'@sveltejs\/kit'/,
			(file) => http.test(file)
		);
		expectOnlyShrinking(found, STILL_USING_KIT_ERROR);
	});

	it('gives routes the database through locals.db, not the runtime', () => {
		// The readiness probe asks the runtime itself whether it is up.
		const found = offenders(
			serverRoutes,
			/\$lib\/server\/runtime/,
			(file) => file === 'src/routes/readyz/+server.ts'
		);
		expectOnlyShrinking(found, STILL_USING_RUNTIME_IN_ROUTES);
	});
});
