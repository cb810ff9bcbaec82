import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	// No global Svelte version marker: one small script file less for every page.
	compilerOptions: { discloseVersion: false },
	vitePlugin: {
		// Our components are all in runes mode, also those without props or state: no component
		// switches on Svelte's legacy mode (its flag module is a script file of its own on every page).
		dynamicCompileOptions: ({ filename }) =>
			filename.includes('/node_modules/') ? undefined : { runes: true }
	},
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Strict CSP: SvelteKit adds nonces/hashes for its own inline bootstrap script,
		// so no 'unsafe-inline' is needed for scripts.
		csp: {
			mode: 'auto',
			directives: {
				// Fonts, fetches and media fall back to default-src: 'self' only.
				'default-src': ['self'],
				'script-src': ['self'],
				// SvelteKit's route announcer uses style attributes, which only 'unsafe-inline' allows.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		version: { pollInterval: 0 },
		// Herstelpad is served at the root of its own host: absolute asset paths, worked out once.
		paths: { relative: false },
		// The server resolves routes for client-side navigation, so the browser does not download a
		// manifest of every route (participant pages stay small as the app grows; BENCHMARKS.md).
		router: { resolution: 'server' }
	}
};

export default config;
