// `npm run admin:invite-coordinator -- --organisation "Name" --slug short-name --name "Name" --email a@b.nl`
// Loads the TypeScript command through Vite's module runner and runs it.
import path from 'node:path';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const file = path.join(root, 'src/lib/server/people/invite-coordinator-cli.ts');
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
	process.exitCode = await /** @type {{ main: (args: string[]) => Promise<number> }} */ (module).main(
		process.argv.slice(2)
	);
} catch (error) {
	console.error(
		`The invitation could not be made: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exitCode = 2;
}
