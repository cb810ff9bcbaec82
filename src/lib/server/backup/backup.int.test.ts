import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { record } from '../audit/record';
import { importStarterCurricula } from '../curriculum/import';
import { installQueue, queueJob } from '../jobs';
import { DATA_EXPORT_QUEUE, DATA_EXPORT_QUEUE_SETTINGS } from '../privacy/export';
import type { Database } from '../db/client';
import { lastAppliedMigration } from '../db/migrate';
import { seedDemoHistory } from '../demo/history';
import { seedDemo } from '../demo/seed';
import { appTables, qualified, sequenceStates } from './catalog';
import { MediaChangedError, writeBackup } from './backup';
import { BackupInputError, hashFile, MANIFEST_FILE, type Manifest } from './manifest';
import { restoreBackup, type RestoreResult } from './restore';

const NOW = new Date('2026-12-02T15:00:00Z');

let work: string;
let source: Database;
let sourceDataDir: string;
let backupDir: string;
let manifest: Manifest;
let target: Database;
let targetDataDir: string;
let restored: RestoreResult;

/** Per table: its row count and an md5 of all its rows (as text, in a fixed order). */
async function contents(database: Database): Promise<Record<string, { rows: number; md5: string }>> {
	const result: Record<string, { rows: number; md5: string }> = {};
	for (const { name } of await appTables(database.pool)) {
		const { rows } = await database.pool.query<{ rows: number; md5: string }>(
			`select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
			   from ${qualified(name)} t`
		);
		result[name] = rows[0]!;
	}
	return result;
}

async function copyOfBackup(name: string): Promise<string> {
	const copy = path.join(work, name);
	await fs.cp(backupDir, copy, { recursive: true });
	return copy;
}

async function editManifest(dir: string, change: (manifest: Manifest) => void): Promise<void> {
	const file = path.join(dir, MANIFEST_FILE);
	const edited = JSON.parse(await fs.readFile(file, 'utf8')) as Manifest;
	change(edited);
	await fs.writeFile(file, JSON.stringify(edited));
}

beforeAll(async () => {
	work = await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-backup-'));
	sourceDataDir = path.join(work, 'source');
	targetDataDir = path.join(work, 'target');
	await fs.mkdir(sourceDataDir);
	await fs.writeFile(path.join(sourceDataDir, 'auth-secret'), TEST_SECRET, { mode: 0o600 });
	source = await createTestDatabase();
	await seedDemo(source.db, TEST_SECRET);
	await importStarterCurricula(source.db, sourceDataDir);
	await seedDemoHistory(source.db, { now: NOW });
	// The history is seeded without access-log rows: write some, so the chain has something to prove.
	const org = await buildOrganisation(source.db);
	const trainer = await buildPerson(source.db, { organisationId: org.id, role: 'trainer' });
	for (let i = 0; i < 5; i++) {
		const entries = Array.from({ length: 50 }, () => ({
			eventType: 'group.overview.read' as const,
			action: 'R' as const,
			actor: trainer
		}));
		await record(source.db, ...entries);
	}
	// A job still to run: restored, as the person waiting for their export cannot ask again meanwhile.
	await installQueue(source.pool, DATA_EXPORT_QUEUE, DATA_EXPORT_QUEUE_SETTINGS);
	await source.db.transaction((tx) => queueJob(tx, DATA_EXPORT_QUEUE, { exportId: 'waiting' }));
	// An upload still being received is not a stored file yet, and stays out.
	await fs.writeFile(path.join(sourceDataDir, 'media', `${'a'.repeat(32)}.webm.part`), 'partial');

	backupDir = path.join(work, 'backup');
	manifest = await writeBackup({
		pool: source.pool,
		dataDir: sourceDataDir,
		to: backupDir,
		authSecretFromEnvironment: false
	});
	target = await createEmptyDatabase();
	restored = await restoreBackup({ pool: target.pool, dataDir: targetDataDir, from: backupDir });
}, 180_000);

afterAll(async () => {
	await fs.rm(work, { recursive: true, force: true });
});

describe('a backup and its restore', () => {
	it('bring back every table with the same rows', async () => {
		const before = await contents(source);
		const after = await contents(target);
		expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
		expect(after).toEqual(before);
		// The demo with its history fills the tables that matter, so the comparison is not of empty tables.
		expect(before.audit_event!.rows).toBeGreaterThan(100);
		expect(before.check_in!.rows).toBeGreaterThan(100);
		expect(before.media!.rows).toBeGreaterThan(0);
		expect(restored.rows).toBe(Object.values(before).reduce((sum, table) => sum + table.rows, 0));
	});

	it('write a manifest with the migration, each table and each file with its sha256', async () => {
		expect(manifest.migration).toEqual(await lastAppliedMigration(source.pool));
		const auditEvent = manifest.tables.find((table) => table.name === 'audit_event');
		expect(auditEvent?.rows).toBe((await contents(source)).audit_event!.rows);
		expect(await hashFile(path.join(backupDir, auditEvent!.file))).toEqual({
			sha256: auditEvent!.sha256,
			bytes: auditEvent!.bytes
		});
		const paths = manifest.files.map((file) => file.path);
		expect(paths).toContain('auth-secret');
		expect(paths.filter((file) => file.startsWith('media/')).length).toBeGreaterThan(0);
		expect(paths.some((file) => file.endsWith('.part'))).toBe(false);
		// Parents come before the tables that refer to them.
		const order = manifest.tables.map((table) => table.name);
		expect(order.indexOf('organisation')).toBeLessThan(order.indexOf('person'));
		expect(order.indexOf('person')).toBeLessThan(order.indexOf('check_in'));
	});

	it('keep the backup private: directories 0700, files 0600', async () => {
		expect((await fs.stat(backupDir)).mode & 0o777).toBe(0o700);
		expect((await fs.stat(path.join(backupDir, MANIFEST_FILE))).mode & 0o777).toBe(0o600);
		const table = manifest.tables[0]!;
		expect((await fs.stat(path.join(backupDir, table.file))).mode & 0o777).toBe(0o600);
	});

	it('leave a verifiable access log, the sequences where they were and the same files', async () => {
		expect(restored.chain).toEqual({
			ok: true,
			rows: (await contents(source)).audit_event!.rows,
			removed: 0
		});
		expect(await sequenceStates(target.pool)).toEqual(await sequenceStates(source.pool));
		for (const file of manifest.files) {
			const copy = await hashFile(path.join(targetDataDir, file.path));
			expect(copy.sha256).toBe(file.sha256);
			expect((await fs.stat(path.join(targetDataDir, file.path))).mode & 0o777).toBe(0o600);
		}
		expect(await lastAppliedMigration(target.pool)).toEqual(manifest.migration);
	});

	it('queue the pg-boss jobs that were still to run again, with their ids', async () => {
		expect(manifest.jobs.pending).toEqual({ [DATA_EXPORT_QUEUE]: 1 });
		const jobs = `select id, name, data, state, retry_limit, expire_in from pgboss.job order by id`;
		const after = (await target.pool.query(jobs)).rows;
		expect(after).toEqual((await source.pool.query(jobs)).rows);
		expect(after).toMatchObject([
			{ name: DATA_EXPORT_QUEUE, data: { exportId: 'waiting' }, state: 'created' }
		]);
	});

	it('restores into a database that is not empty: refused, naming what to do', async () => {
		const attempt = restoreBackup({ pool: target.pool, dataDir: targetDataDir, from: backupDir });
		await expect(attempt).rejects.toThrow(BackupInputError);
		await expect(attempt).rejects.toThrow(/is not empty: .* hold rows\. Restore only into an empty database/);
	});
});

describe('a restore refuses bad input before it writes anything', () => {
	let empty: Database;
	beforeAll(async () => {
		empty = await createEmptyDatabase();
	});

	async function refused(from: string, message: RegExp) {
		const dataDir = path.join(work, `untouched-${path.basename(from)}`);
		const attempt = restoreBackup({ pool: empty.pool, dataDir, from });
		await expect(attempt).rejects.toThrow(BackupInputError);
		await expect(attempt).rejects.toThrow(message);
		expect(await lastAppliedMigration(empty.pool)).toBeNull();
		await expect(fs.access(dataDir)).rejects.toThrow();
	}

	it('a tampered table file', async () => {
		const copy = await copyOfBackup('tampered-table');
		const file = path.join(copy, manifest.tables.find((table) => table.name === 'audit_event')!.file);
		const bytes = await fs.readFile(file);
		bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
		await fs.writeFile(file, bytes);
		await refused(copy, /The backup is damaged: database\/audit_event\.copy\.gz does not match its sha256/);
	});

	it('a media file missing', async () => {
		const copy = await copyOfBackup('missing-media');
		const media = manifest.files.find((file) => file.path.startsWith('media/'))!;
		await fs.rm(path.join(copy, 'files', media.path));
		await refused(copy, /The backup is incomplete: files\/media\/.* is missing/);
	});

	it('another format version', async () => {
		const copy = await copyOfBackup('format');
		await editManifest(copy, (edited) => (edited.version = 99));
		await refused(copy, /format version 99/);
	});

	it('a migration this version does not know', async () => {
		const copy = await copyOfBackup('newer');
		await editManifest(copy, (edited) => (edited.migration = { tag: '9999_future', when: Date.now() * 2 }));
		await refused(copy, /made by a newer version of Herstelpad .*9999_future/);
	});

	it('a directory that is no backup', async () => {
		await refused(path.join(work, 'nothing-here'), /is not a directory/);
		await refused(sourceDataDir, /holds no readable manifest\.json/);
	});
});

describe('a backup as one .tar.gz file', () => {
	let archive: string;
	beforeAll(async () => {
		archive = path.join(work, 'one-file.tar.gz');
		await writeBackup({
			pool: source.pool,
			dataDir: sourceDataDir,
			to: archive,
			authSecretFromEnvironment: false
		});
	}, 60_000);

	it('is written privately and restores the same rows', async () => {
		expect((await fs.stat(archive)).mode & 0o777).toBe(0o600);
		expect((await fs.readdir(work)).filter((name) => name.includes('partial'))).toEqual([]);
		const into = await createEmptyDatabase();
		const result = await restoreBackup({
			pool: into.pool,
			dataDir: path.join(work, 'from-archive'),
			from: archive
		});
		expect(result.chain.ok).toBe(true);
		expect(await contents(into)).toEqual(await contents(source));
	}, 60_000);

	it('is refused when cut short, before anything is written', async () => {
		const cut = path.join(work, 'cut.tar.gz');
		const bytes = await fs.readFile(archive);
		await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
		const into = await createEmptyDatabase();
		const attempt = restoreBackup({ pool: into.pool, dataDir: path.join(work, 'from-cut'), from: cut });
		await expect(attempt).rejects.toThrow(BackupInputError);
		expect(await lastAppliedMigration(into.pool)).toBeNull();
	});
});

describe('a backup while media change', () => {
	it('fails, leaving nothing, when a file a row names is gone before it is copied', async () => {
		const dataDir = path.join(work, 'media-removed');
		await fs.cp(sourceDataDir, dataDir, { recursive: true });
		const { rows } = await source.pool.query<{ video_file: string }>('select video_file from media limit 1');
		await fs.rm(path.join(dataDir, 'media', rows[0]!.video_file));
		const to = path.join(work, 'media-removed-backup');
		const attempt = writeBackup({ pool: source.pool, dataDir, to, authSecretFromEnvironment: false });
		await expect(attempt).rejects.toThrow(MediaChangedError);
		await expect(attempt).rejects.toThrow(
			/1 media file\(s\) the database refers to were removed .* run the backup again/
		);
		await expect(fs.access(to)).rejects.toThrow();
	});

	it('refuses a target directory that is not empty', async () => {
		const attempt = writeBackup({
			pool: source.pool,
			dataDir: sourceDataDir,
			to: backupDir,
			authSecretFromEnvironment: false
		});
		await expect(attempt).rejects.toThrow(/is not empty\. Give a new directory with --to/);
		expect(await readManifestFile()).toEqual(manifest);
	});
});

async function readManifestFile(): Promise<Manifest> {
	return JSON.parse(await fs.readFile(path.join(backupDir, MANIFEST_FILE), 'utf8')) as Manifest;
}
