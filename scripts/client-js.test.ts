/**
 * The JavaScript of the pages a participant sees most (issue 21), read from the production build in
 * .svelte-kit/output when there is one (the browser tests build it; a build of older code may fail
 * here until it is rebuilt: `npx vite build`). Skipped without a build; `npm test` runs it again after its build. The limit is LIMIT_KB
 * (45, issue 21; see BENCHMARKS.md).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMIT_KB, clientJs, participantPages, participantRoutes } from './client-js.js';

const root = path.resolve(import.meta.dirname, '..');
const pageJs = clientJs(root);

describe.skipIf(!pageJs)('client JavaScript per participant page (from the build)', () => {
	for (const [name, route] of Object.entries(participantPages)) {
		it(`${name} loads at most ${LIMIT_KB} KB gzip`, () => {
			const { kb, files } = pageJs!(route);
			expect(files.length).toBeGreaterThan(2);
			expect(kb, `${name}: ${kb.toFixed(2)} KB`).toBeLessThanOrEqual(LIMIT_KB);
		});
	}
});

describe.skipIf(!pageJs)('client JavaScript on every page a participant or naaste sees', () => {
	const routes = participantRoutes(root) ?? [];
	it('finds those pages in the build', () => {
		expect(routes.length).toBeGreaterThan(40);
		expect(routes).toContain('/(participant)/check-in');
		expect(routes).toContain('/(naaste)/naaste/[deelnemer]');
	});
	for (const route of routes) {
		it(`${route} loads at most ${LIMIT_KB} KB gzip`, () => {
			const { kb } = pageJs!(route);
			expect(kb, `${route}: ${kb.toFixed(2)} KB`).toBeLessThanOrEqual(LIMIT_KB);
		});
	}
});
