/**
 * A coordinator's videos: adding one (after upload checks), the organisation's list, and removing
 * one that no published curriculum step shows.
 */
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { media } from '../db/schema';
import { freeText, lineText } from '../input';
import { requireCoordinator, requireOrganisationMedia } from '../access';
import { curriculumLock } from '../curriculum/editing/draft';
import { mediaUses, type MediaUse } from './queries';
import { removeStored, storeBytes } from './storage';
import type { ReceivedUpload } from './upload';
import { checkVtt } from './vtt';

// Empty optional text is "not given".
const optional = <T extends z.ZodType<string>>(text: T) => text.transform((value) => value || undefined);

/** A video's texts (English keys; the upload form's field names are mapped at the route, `namedFields`). */
export const mediaFieldsInput = z.object({
	titleNl: lineText(120, { required: 'title_required' }),
	titleEn: optional(lineText(120)),
	transcriptNl: freeText(20_000, { required: 'transcript_required' }),
	transcriptEn: optional(freeText(20_000))
});

export type MediaFields = z.output<typeof mediaFieldsInput>;

export type MediaErrors = Partial<Record<string, string>>;

/**
 * Checks the text fields (with `fields`: mediaFieldsInput under the form's field names) and the caption
 * files of an upload; error keys per form field (captions with a line).
 */
export function checkUpload(
	upload: ReceivedUpload,
	fields: z.ZodType<MediaFields>
): {
	errors: MediaErrors;
	fields: MediaFields | null;
} {
	const errors: MediaErrors = { ...upload.problems };
	const parsed = fields.safeParse(upload.fields);
	if (!parsed.success)
		for (const issue of parsed.error.issues)
			errors[String(issue.path[0])] ??= /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
	if (!upload.captions.nl && !errors.ondertitels_nl) errors.ondertitels_nl = 'captions_required';
	for (const lang of ['nl', 'en'] as const) {
		const file = upload.captions[lang];
		if (!file) continue;
		const checked = checkVtt(file);
		if (!checked.ok) errors[`ondertitels_${lang}`] = `captions_${checked.problem}:${checked.line}`;
	}
	return { errors, fields: parsed.success ? parsed.data : null };
}

/**
 * Stores the captions and records the video for the coordinator's organisation (Forbidden to anyone
 * else); null when the upload carried no video.
 */
export async function addMedia(
	db: Db,
	actor: Actor,
	upload: ReceivedUpload,
	fields: MediaFields,
	dataDir: string
): Promise<string | null> {
	const organisationId = requireCoordinator(actor);
	if (!upload.video) return null;
	const captionFiles: { nl?: string; en?: string } = {};
	for (const lang of ['nl', 'en'] as const) {
		const file = upload.captions[lang];
		if (file) captionFiles[lang] = await storeBytes(dataDir, file, 'vtt');
	}
	const [row] = await db
		.insert(media)
		.values({
			organisationId,
			title: { nl: fields.titleNl, en: fields.titleEn ?? fields.titleNl },
			videoFile: upload.video.name,
			videoType: upload.video.type,
			videoBytes: upload.video.bytes,
			captionFiles,
			transcript: { nl: fields.transcriptNl, ...(fields.transcriptEn ? { en: fields.transcriptEn } : {}) },
			createdByPersonId: actor.personId
		})
		.returning({ id: media.id });
	return row?.id ?? null;
}

/** The coordinator's organisation's videos, newest first (Forbidden to anyone else). */
export async function organisationMedia(db: Db, actor: Actor, locale: 'nl' | 'en') {
	const organisationId = requireCoordinator(actor);
	const rows = await db
		.select({
			id: media.id,
			title: media.title,
			videoType: media.videoType,
			videoBytes: media.videoBytes,
			captionFiles: media.captionFiles,
			starterName: media.starterName,
			createdAt: media.createdAt
		})
		.from(media)
		.where(eq(media.organisationId, organisationId))
		.orderBy(desc(media.createdAt));
	return rows.map((row) => ({
		id: row.id,
		title: row.title[locale],
		type: row.videoType,
		megabytes: Math.round((row.videoBytes / 1024 / 1024) * 10) / 10,
		captions: (['nl', 'en'] as const).filter((lang) => row.captionFiles[lang]),
		isSample: row.starterName !== null,
		createdAt: row.createdAt
	}));
}

export type RemoveMediaResult = { removed: true } | { removed: false; usedIn: MediaUse[] };

/**
 * Removes a video of the coordinator's organisation and its files, unless a step of a published
 * curriculum version shows it (then the answer names those steps); a step of the draft that shows it
 * is left without a video. One transaction with its access-log row, under the organisation's
 * curriculum lock (so no draft is published meanwhile). NotFound for another organisation's video.
 */
export async function removeMedia(
	db: Db,
	actor: Actor,
	mediaId: string,
	dataDir: string,
	locale: 'nl' | 'en'
): Promise<RemoveMediaResult> {
	const found = await requireOrganisationMedia(db, actor, mediaId, 'D');
	const result = await db.transaction(async (tx) => {
		await curriculumLock(tx, found.organisationId);
		const usedIn = await mediaUses(tx, found.id, locale, 'published');
		if (usedIn.length > 0) return { removed: false, usedIn } as const;
		const [gone] = await tx.delete(media).where(eq(media.id, found.id)).returning();
		if (!gone) return { removed: true, files: [] } as const;
		await record(tx, {
			eventType: 'media.remove',
			action: 'D',
			actor,
			object: { type: 'media', id: gone.id }
		});
		const files = [gone.videoFile, gone.posterFile, gone.captionFiles.nl, gone.captionFiles.en];
		return { removed: true, files: files.filter((name): name is string => Boolean(name)) } as const;
	});
	if (!result.removed) return result;
	// Only after the commit: a rolled-back removal keeps its files.
	for (const name of result.files) await removeStored(dataDir, name);
	return { removed: true };
}
