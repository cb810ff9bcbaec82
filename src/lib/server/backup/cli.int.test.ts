import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import { record } from '../audit/record';
import { writeBackup } from './backup';
import { readManifest, type Manifest } from './manifest';

let work: string;
let backupDir: string;
let manifest: Manifest;

/** Runs one of the npm scripts as a process on the embedded PostgreSQL in `dataDir`. */
function run(script: string, args: string[], dataDir: string) {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
	delete env.DATABASE_URL;
	delete env.AUTH_SECRET;
	const child = spawn(process.execPath, [script, ...args], { env });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
		child.on('close', (status) => resolve({ status, stdout, stderr }))
	);
}

beforeAll(async () => {
	work = await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-backup-cli-'));
	// Run as root, the embedded PostgreSQL runs as "postgres", which must be able to enter it.
	await fs.chmod(work, 0o755);
	const source = await createTestDatabase();
	const org = await buildOrganisation(source.db);
	const trainer = await buildPerson(source.db, { organisationId: org.id, role: 'trainer' });
	const entries = Array.from({ length: 20 }, () => ({
		eventType: 'group.overview.read' as const,
		action: 'R' as const,
		actor: trainer
	}));
	await record(source.db, ...entries);
	const sourceDataDir = path.join(work, 'source');
	await fs.mkdir(path.join(sourceDataDir, 'media'), { recursive: true });
	await fs.writeFile(path.join(sourceDataDir, 'auth-secret'), TEST_SECRET);
	await fs.writeFile(path.join(sourceDataDir, 'media', `${'b'.repeat(32)}.png`), 'not really a picture');
	backupDir = path.join(work, 'backup');
	manifest = await writeBackup({
		pool: source.pool,
		dataDir: sourceDataDir,
		to: backupDir,
		authSecretFromEnvironment: false
	});
});

afterAll(async () => {
	await fs.rm(work, { recursive: true, force: true });
});

describe('npm run restore and npm run backup on the embedded PostgreSQL', () => {
	it('restore into a new DATA_DIR, then back up from it again with the same rows', async () => {
		const dataDir = path.join(work, 'embedded');
		const restored = await run('scripts/restore.js', ['--from', backupDir], dataDir);
		expect(restored.stderr).toBe('');
		expect(restored.stdout).toContain('Access log is whole: 20 rows checked');
		expect(restored.status).toBe(0);
		expect(await fs.readFile(path.join(dataDir, 'auth-secret'), 'utf8')).toBe(TEST_SECRET);

		const again = path.join(work, 'again');
		const backedUp = await run('scripts/backup.js', ['--to', again], dataDir);
		expect(backedUp.stdout).toMatch(/Backup written: \d+ tables with [\d,]+ rows and 2 files/);
		expect(backedUp.status).toBe(0);
		const second = await readManifest(again);
		const rows = (m: Manifest) => Object.fromEntries(m.tables.map((table) => [table.name, table.rows]));
		expect(rows(second)).toEqual(rows(manifest));
		expect(second.files).toEqual(manifest.files);
		expect(second.migration).toEqual(manifest.migration);
		expect(second.server).toMatch(/^PostgreSQL 18/);

		const twice = await run('scripts/restore.js', ['--from', backupDir], dataDir);
		expect(twice.stderr).toContain('is not empty');
		expect(twice.status).toBe(2);
	}, 120_000);

	it('answers a missing --from or an unknown option with its usage and exit code 2', async () => {
		const dataDir = path.join(work, 'unused');
		const missing = await run('scripts/restore.js', [], dataDir);
		expect(missing.stderr).toContain('Usage: npm run restore -- --from DIR');
		expect(missing.status).toBe(2);
		const unknown = await run('scripts/backup.js', ['--into', 'x'], dataDir);
		expect(unknown.stderr).toContain('Usage: npm run backup');
		expect(unknown.status).toBe(2);
		// Nothing was started for a wrong command line.
		await expect(fs.access(dataDir)).rejects.toThrow();
	}, 60_000);
});
