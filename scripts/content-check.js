// `npm run content:check` — validates the starter curriculum in content/ (see content/README.md):
// prints every broken file with its path and line, or a one-line summary.
import path from 'node:path';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const { module } = await runnerImport(path.join(root, 'src/lib/server/curriculum/load.ts'), {
	configFile: false,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } }
});
const { loadStarterCurriculum } = /** @type {typeof import('../src/lib/server/curriculum/load')} */ (module);
try {
	const modules = loadStarterCurriculum(path.join(root, 'content'));
	const steps = modules.reduce((sum, m) => sum + m.steps.length, 0);
	console.log(`content/: ${modules.length} modules, ${steps} steps, Dutch and English — all valid.`);
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
}
