// `npm run audit:verify`: loads the TypeScript check through Vite's module runner and runs it.
import { runCommand } from './run-ts.js';

await runCommand('src/lib/server/audit/verify-cli.ts', 'main', 'The access log could not be checked');
