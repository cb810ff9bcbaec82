/**
 * Imports the starter curriculum (content/) as version 1 for every organisation that has none yet:
 * on start-up, and when the platform admin creates an organisation. Safe with two instances at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { curriculumModule, curriculumStep, curriculumVersion, media, organisation } from '../db/schema';
import { storeCopy } from '../media/storage';
import { contentDir, loadStarterCurriculum } from './load';
import { renderMarkdown } from './markdown';
import type { ParsedModule } from './parse';

const IMPORT_LOCK = 7_513_001;

export async function importStarterCurricula(db: Db, dataDir: string, dir = contentDir()): Promise<number> {
	const missing = await db
		.select({ id: organisation.id })
		.from(organisation)
		.where(
			sql`not exists (select 1 from ${curriculumVersion} where ${curriculumVersion.organisationId} = ${organisation.id})`
		);
	if (missing.length === 0) return 0;
	const modules = loadStarterCurriculum(dir);
	let imported = 0;
	for (const { id } of missing) if (await importStarterCurriculum(db, dataDir, id, modules, dir)) imported++;
	return imported;
}

/** Version 1 for one organisation, unless it has a curriculum already. Returns whether it imported. */
export async function importStarterCurriculum(
	db: Db,
	dataDir: string,
	organisationId: string,
	modules: ParsedModule[] = loadStarterCurriculum(),
	dir = contentDir()
): Promise<boolean> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
		const [existing] = await tx
			.select({ id: curriculumVersion.id })
			.from(curriculumVersion)
			.where(eq(curriculumVersion.organisationId, organisationId))
			.limit(1);
		if (existing) return false;
		const mediaIds = await importStarterMedia(tx, dataDir, organisationId, modules, dir);
		const [version] = await tx
			.insert(curriculumVersion)
			.values({ organisationId, number: 1, publishedAt: new Date() })
			.returning({ id: curriculumVersion.id });
		for (const module of modules) {
			const [row] = await tx
				.insert(curriculumModule)
				.values({
					versionId: version!.id,
					number: module.number,
					slug: module.slug,
					title: module.title,
					summary: module.summary
				})
				.returning({ id: curriculumModule.id });
			await tx.insert(curriculumStep).values(
				module.steps.map((step) => ({
					moduleId: row!.id,
					key: step.key,
					position: step.position,
					kind: step.kind,
					title: step.title,
					body: step.body,
					bodyHtml: { nl: renderMarkdown(step.body.nl), en: renderMarkdown(step.body.en) },
					question: step.question,
					mediaId: step.video ? (mediaIds.get(step.video) ?? null) : null
				}))
			);
		}
		return true;
	});
}

interface StarterMeta {
	title: { nl: string; en: string };
}

async function importStarterMedia(
	tx: Tx,
	dataDir: string,
	organisationId: string,
	modules: ParsedModule[],
	dir: string
): Promise<Map<string, string>> {
	const names = new Set(
		modules.flatMap((module) => module.steps.flatMap((step) => (step.video ? [step.video] : [])))
	);
	const ids = new Map<string, string>();
	for (const name of names) {
		const folder = path.join(dir, 'media', name);
		const file = (entry: string) => path.join(folder, entry);
		const meta = JSON.parse(fs.readFileSync(file('meta.json'), 'utf8')) as StarterMeta;
		const video = fs.existsSync(file('video.webm')) ? 'video.webm' : 'video.mp4';
		const videoType = video.endsWith('webm') ? 'video/webm' : 'video/mp4';
		const captionFiles: { nl?: string; en?: string } = {};
		const transcript: { nl?: string; en?: string } = {};
		for (const locale of ['nl', 'en'] as const) {
			if (fs.existsSync(file(`captions.${locale}.vtt`)))
				captionFiles[locale] = await storeCopy(dataDir, file(`captions.${locale}.vtt`), 'vtt');
			if (fs.existsSync(file(`transcript.${locale}.md`)))
				transcript[locale] = fs.readFileSync(file(`transcript.${locale}.md`), 'utf8').trim();
		}
		const [row] = await tx
			.insert(media)
			.values({
				organisationId,
				title: meta.title,
				videoFile: await storeCopy(dataDir, file(video), video.endsWith('webm') ? 'webm' : 'mp4'),
				videoType,
				videoBytes: fs.statSync(file(video)).size,
				posterFile: fs.existsSync(file('poster.png'))
					? await storeCopy(dataDir, file('poster.png'), 'png')
					: null,
				captionFiles,
				transcript,
				starterName: name
			})
			.returning({ id: media.id });
		ids.set(name, row!.id);
	}
	return ids;
}
