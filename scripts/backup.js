// `npm run backup -- [--to DIR]`: the database and DATA_DIR's files into a backup directory (docs/backup.md).
import { runCommand } from './run-ts.js';

await runCommand('src/lib/server/backup/cli.ts', 'backupMain', 'The backup could not be made');
