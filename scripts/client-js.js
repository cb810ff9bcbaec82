/**
 * The JavaScript a page loads, read from a production build: the start and app scripts and, for each
 * of the route's layouts and its page, the files SvelteKit names in the page's preload links (their
 * static imports, all of them), and the root error page's, which SvelteKit's client loads at start too. Code a page imports with import()
 * when it is used (the passkey helpers, the form error texts) is not counted: it is not loaded then.
 * Used by `npm run bench` (bench/run.js) and the unit test scripts/client-js.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The pages a participant sees most (BENCHMARKS.md). */
export const participantPages = {
	'sign-in': '/inloggen',
	home: '/(participant)',
	'module step': '/(participant)/modules/[nummer]/[stap]',
	'check-in': '/(participant)/check-in',
	messages: '/(participant)/berichten',
	live: '/(participant)/live'
};
/**
 * KB of gzip JavaScript: issue 21 asks for 45 at most on every page a participant sees, counted with the
 * error page (which the browser loads too). The aim leaves room for more code.
 */
export const LIMIT_KB = 45;

/**
 * Every page a participant or their naaste can see, from the build's manifest: the routes of the
 * (participant) and (naaste) groups, and the sign-in and offline pages.
 * @param {string} root the project's folder
 * @returns {string[] | null} null without a build
 */
export function participantRoutes(root) {
	const manifestFile = path.join(root, '.svelte-kit', 'output', 'server', 'manifest.js');
	if (!fs.existsSync(manifestFile)) return null;
	const manifest = fs.readFileSync(manifestFile, 'utf8');
	// Each route's entry runs to the next one; a page has a `leaf` (an endpoint has none).
	return manifest
		.split('{id:"')
		.slice(1)
		.filter((entry) => entry.includes('leaf:['))
		.map((entry) => entry.slice(0, entry.indexOf('"')))
		.filter((id) => /^\/\((participant|naaste)\)/.test(id) || id === '/inloggen' || id === '/offline');
}
export const TARGET_KB = 42;

/**
 * @param {string} root the project's folder
 * @returns {((routeId: string) => { files: string[], kb: number }) | null} null without a build
 */
export function clientJs(root) {
	const output = path.join(root, '.svelte-kit', 'output');
	const manifestFile = path.join(output, 'server', 'manifest.js');
	if (!fs.existsSync(manifestFile)) return null;
	const manifest = fs.readFileSync(manifestFile, 'utf8');
	const client = /client: \{start:"[^"]+",app:"[^"]+",imports:\[([^\]]*)\]/.exec(manifest);
	if (!client) throw new Error('no client entry in the server manifest');
	const quoted = (/** @type {string} */ list) => [...list.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
	/** @param {number} node */
	const nodeImports = (node) => {
		const source = fs.readFileSync(path.join(output, 'server', 'nodes', `${node}.js`), 'utf8');
		return quoted(/export const imports = \[([^\]]*)\]/.exec(source)?.[1] ?? '');
	};
	/** @type {Map<string, number>} */
	const sizes = new Map();
	const gzipSize = (/** @type {string} */ file) => {
		let size = sizes.get(file);
		if (size === undefined) {
			size = gzipSync(fs.readFileSync(path.join(output, 'client', file))).length;
			sizes.set(file, size);
		}
		return size;
	};
	return (routeId) => {
		const escaped = routeId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const route = new RegExp(
			`\\{id:"${escaped}",[^]*?layouts:\\[([^\\]]*(?:\\][^\\]]*)*?)\\],errors:[^]*?leaf:\\[\\w+,(\\d+)\\]`
		).exec(manifest);
		if (!route) throw new Error(`no route ${routeId} in the build`);
		const layouts = [...route[1].matchAll(/\[\w+,(\d+)\]/g)].map((match) => Number(match[1]));
		const files = new Set(quoted(client[1]));
		// Node 1 is the root error page (SvelteKit: 0 the root layout, 1 its error page).
		for (const node of [...layouts, Number(route[2]), 1])
			for (const file of nodeImports(node)) files.add(file);
		const bytes = [...files].reduce((sum, file) => sum + gzipSize(file), 0);
		return { files: [...files], kb: bytes / 1024 };
	};
}
