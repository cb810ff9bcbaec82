// `npm run demo:history`: loads the TypeScript command through Vite's module runner and runs it.
import { runCommand } from './run-ts.js';

await runCommand('src/lib/server/demo/history-cli.ts', 'main', 'The demo history could not be added');
