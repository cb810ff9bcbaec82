/**
 * A Vite plugin for the browser build: the page frame's code in one file.
 *
 * Every page loads the root layout (src/routes/+layout.svelte), the client hooks (src/hooks.client.ts)
 * and everything they import: the toolbar, the session warning, their messages, the Paraglide
 * runtime, and Svelte's and SvelteKit's own runtime. Left to itself, the bundler splits these into a dozen small files by which pages use
 * each of them, although every page loads them all: a request each for the browser, and an entry
 * each in every page's preload header. Here they share one file, so no page loads more than before.
 * So does a message nearly every page shows (the app's name, in each page's title): a file of its own
 * would cost every page a request and more bytes than its text.
 */
import fs from 'node:fs';
import path from 'node:path';

/** @typedef {{ getModuleInfo(id: string): { importedIds: readonly string[] } | null }} ModuleGraph */

/** @param {string} [projectRoot] the project's folder; Vite's `root` when not given @returns {import('vite').Plugin} */
export function frameChunk(projectRoot) {
	let rootLayout = '';
	let clientHooks = '';
	let ownCode = '';
	let messages = '';
	let routes = '';
	/** @type {Set<string> | undefined} */
	let frame;
	let browserBuild = false;

	/**
	 * Our modules the root layout and the client hooks import, directly or not, and the messages they use.
	 * @param {ModuleGraph} graph
	 */
	function collect(graph) {
		const found = new Set();
		const queue = [rootLayout, clientHooks];
		for (let next = queue.pop(); next; next = queue.pop()) {
			for (const imported of graph.getModuleInfo(next)?.importedIds ?? []) {
				// The message index re-exports every message: only those the frame uses are added below.
				if (!imported.startsWith(ownCode) || imported.startsWith(messages) || found.has(imported)) continue;
				found.add(imported);
				queue.push(imported);
			}
		}
		for (const file of [rootLayout, ...found]) {
			if (!fs.existsSync(file)) continue;
			for (const key of messagesIn(file)) found.add(`${messages}${key}.js`);
		}
		for (const key of messagesOfMostPages()) found.add(`${messages}${key}.js`);
		return found;
	}

	/** @param {string} file */
	const messagesIn = (file) =>
		new Set([...fs.readFileSync(file, 'utf8').matchAll(/\bm\.(\w+)\(/g)].map((match) => String(match[1])));

	/** The messages at least half of the pages (`+page.svelte`) use. */
	function messagesOfMostPages() {
		const pages = fs
			.readdirSync(routes, { recursive: true, encoding: 'utf8' })
			.filter((file) => path.basename(file) === '+page.svelte');
		/** @type {Map<string, number>} */
		const uses = new Map();
		for (const page of pages)
			for (const key of messagesIn(path.join(routes, page))) uses.set(key, (uses.get(key) ?? 0) + 1);
		return [...uses].filter(([, count]) => count >= pages.length / 2).map(([key]) => key);
	}

	return {
		name: 'herstelpad:frame-chunk',
		apply: 'build',
		configResolved(config) {
			browserBuild = !config.build.ssr;
			const root = projectRoot ?? config.root;
			rootLayout = path.resolve(root, 'src/routes/+layout.svelte');
			clientHooks = path.resolve(root, 'src/hooks.client.ts');
			ownCode = path.resolve(root, 'src/lib') + path.sep;
			messages = path.resolve(root, 'src/lib/paraglide/messages') + path.sep;
			routes = path.resolve(root, 'src/routes');
		},
		buildStart() {
			frame = undefined;
		},
		outputOptions(options) {
			if (!browserBuild) return;
			return {
				...options,
				codeSplitting: {
					groups: [
						{
							debugName: 'frame',
							// What the frame's modules import (Svelte, SvelteKit) comes along.
							// So does the bundler's helper for loading code later, which the start script and
							// the passkey buttons use: it would be a file of its own on every page.
							name: (/** @type {string} */ id, /** @type {ModuleGraph} */ graph) =>
								(frame ??= collect(graph)).has(id) || id.includes('vite/preload-helper') ? 'frame' : null
						}
					]
				}
			};
		}
	};
}
