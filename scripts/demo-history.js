// `npm run demo:history`: loads the TypeScript command through Vite's module runner and runs it.
import path from 'node:path';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const file = path.join(root, 'src/lib/server/demo/history-cli.ts');
try {
	const { module } = await runnerImport(file, {
		configFile: false,
		logLevel: 'error',
		resolve: {
			alias: {
				$lib: path.join(root, 'src/lib'),
				'$app/server': path.join(root, 'scripts/shims/app-server.js')
			}
		}
	});
	process.exitCode = await /** @type {{ main: () => Promise<number> }} */ (module).main();
} catch (error) {
	console.error(
		`The demo history could not be added: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exitCode = 2;
}
