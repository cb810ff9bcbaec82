// `npm run audit:verify`: loads the TypeScript check through Vite's module runner and runs it.
import path from 'node:path';
import { runnerImport } from 'vite';

const file = path.resolve(import.meta.dirname, '../src/lib/server/audit/verify-cli.ts');
try {
	const { module } = await runnerImport(file, { configFile: false, logLevel: 'error' });
	process.exitCode = await /** @type {{ main: () => Promise<number> }} */ (module).main();
} catch (error) {
	console.error(
		`The access log could not be checked: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exitCode = 2;
}
