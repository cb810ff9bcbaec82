// Builds the app when build/ is missing or older than the sources (used by `npm start` and the browser tests).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sources = [
	'src',
	'messages',
	'static',
	'drizzle',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'package.json'
];
const generated = new Set([path.join(root, 'src/lib/paraglide')]);

/** @param {string} entry @returns {number} the newest modification time under `entry` */
function newest(entry) {
	if (generated.has(entry) || !fs.existsSync(entry)) return 0;
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return fs
		.readdirSync(entry)
		.reduce((max, name) => Math.max(max, newest(path.join(entry, name))), stat.mtimeMs);
}

/** Builds if needed; returns false when the build failed. */
export function buildIfNeeded() {
	const built = path.join(root, 'build', 'handler.js');
	const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
	if (builtAt > 0 && Math.max(...sources.map((entry) => newest(path.join(root, entry)))) <= builtAt)
		return true;
	console.log(
		builtAt === 0 ? 'Building Herstelpad (first start)…' : 'Sources changed: building Herstelpad again…'
	);
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	// Always a production build: under the test runner NODE_ENV is 'test', which would compile the
	// components in Svelte's development mode (slower, with extra checks on every render).
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		stdio: 'inherit',
		cwd: root,
		env: { ...process.env, NODE_ENV: 'production' }
	});
	return result.status === 0;
}
