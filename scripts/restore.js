// `npm run restore -- --from DIR`: a backup into an empty database and DATA_DIR (docs/backup.md).
import { runCommand } from './run-ts.js';

await runCommand('src/lib/server/backup/cli.ts', 'restoreMain', 'The backup could not be restored');
