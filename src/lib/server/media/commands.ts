/** A coordinator's videos: adding one (after upload checks) and the organisation's list. */
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { media } from '../db/schema';
import { freeText, lineText } from '../input';
import { requireCoordinator } from '../access';
import { storeBytes } from './storage';
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
