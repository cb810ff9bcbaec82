// Runs `main(args)` of a TypeScript command-line module through Vite's module runner, as
// `process.exitCode`; a failure it did not handle is printed after `failure` with exit code 2.
import path from 'node:path';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');

/**
 * @param {string} file the module, relative to the repository root
 * @param {string} exported the name of its `(args: string[]) => Promise<number>` function
 * @param {string} failure what could not be done, e.g. "The backup could not be made"
 */
export async function runCommand(file, exported, failure) {
	try {
		const module = await importTypeScript(file);
		const main = /** @type {Record<string, (args: string[]) => Promise<number>>} */ (module)[exported];
		if (!main) throw new Error(`${file} has no ${exported}()`);
		process.exitCode = await main(process.argv.slice(2));
	} catch (error) {
		console.error(`${failure}: ${error instanceof Error ? error.message : String(error)}`);
		process.exitCode = 2;
	}
}

/**
 * Loads a TypeScript module of the app outside SvelteKit, with `$lib` and a stand-in for `$app/server`.
 * @param {string} file relative to the repository root
 * @returns {Promise<any>}
 */
export async function importTypeScript(file) {
	const { module } = await runnerImport(path.join(root, file), {
		configFile: false,
		logLevel: 'error',
		resolve: {
			alias: {
				$lib: path.join(root, 'src/lib'),
				'$app/server': path.join(root, 'scripts/shims/app-server.js')
			}
		}
	});
	return module;
}
