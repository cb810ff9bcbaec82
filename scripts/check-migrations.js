// Fails when the schema in src/lib/server/db/schema/ and the committed migrations in drizzle/ differ: it
// generates into a scratch copy of drizzle/ and checks that drizzle-kit finds nothing to add.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

// drizzle-kit only takes an `out` relative to the project, so the scratch copy lives here (gitignored).
const scratch = '.drizzle-check';

/** @returns {number} the exit code */
function check() {
	fs.cpSync('drizzle', scratch, { recursive: true });
	const before = fs.readdirSync(scratch);
	const result = spawnSync(
		process.execPath,
		['node_modules/drizzle-kit/bin.cjs', 'generate', '--name', 'unexpected'],
		{
			env: { ...process.env, DRIZZLE_OUT: scratch },
			encoding: 'utf8'
		}
	);
	if (result.stdout.includes('No schema changes')) {
		console.log('Migration check: the schema and the committed migrations agree.');
		return 0;
	}
	const added = fs.readdirSync(scratch).filter((name) => !before.includes(name));
	if (added.length > 0) {
		console.error(
			`Migration check failed: the schema has changes without a migration (${added.join(', ')}).\n` +
				'Run `npm run db:generate -- --name <what-changed>`, review the SQL and commit it.'
		);
		return 1;
	}
	console.error(result.stdout, result.stderr);
	console.error('Migration check failed: drizzle-kit gave no clear answer (see above).');
	return 1;
}

fs.rmSync(scratch, { recursive: true, force: true });
try {
	process.exitCode = check();
} finally {
	fs.rmSync(scratch, { recursive: true, force: true });
}
