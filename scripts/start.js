// `npm start`: builds the app when needed, then serves it (scripts/serve.js).
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.js';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
if (!buildIfNeeded()) {
	console.error('Herstelpad cannot start: the build failed (see above).');
	process.exit(1);
}
await import('./serve.js');
