// `npm run admin:invite-coordinator -- --organisation "Name" --slug short-name --name "Name" --email a@b.nl`
// Loads the TypeScript command through Vite's module runner and runs it.
import { runCommand } from './run-ts.js';

await runCommand(
	'src/lib/server/people/invite-coordinator-cli.ts',
	'main',
	'The invitation could not be made'
);
