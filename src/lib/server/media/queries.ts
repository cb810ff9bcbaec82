/**
 * Who may see a media item: staff of its organisation (trainers, coordinators), and participants
 * whose group shows a step with it in an open module. Everyone else gets NotFound (a 404). And for
 * the coordinator: one video as the player shows it, and the curriculum steps that use it.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import {
	curriculumModule,
	curriculumStep,
	curriculumVersion,
	groupCourse,
	groupHiddenStep,
	groupMember,
	groupModule,
	media
} from '../db/schema';
import { isParticipant, isStaff, requireOrganisationMedia, requireOrganisationStaff } from '../access';
import { NotFound } from '../errors';
import { isUuid } from '$lib/domain/ids';
import type { VideoView } from '$lib/video';

export type { VideoView };

export interface MediaFiles {
	videoFile: string;
	videoType: string;
	posterFile: string | null;
	captionFiles: { nl?: string; en?: string };
}

/** The files of a media item the actor may see; NotFound otherwise (no hint whether it exists). */
export async function mediaForActor(db: Db, actor: Actor, mediaId: string): Promise<MediaFiles> {
	if (!isUuid(mediaId) || !actor.organisationId) throw new NotFound('media');
	const columns = {
		videoFile: media.videoFile,
		videoType: media.videoType,
		posterFile: media.posterFile,
		captionFiles: media.captionFiles
	};
	if (isStaff(actor)) {
		const organisationId = requireOrganisationStaff(actor);
		const [row] = await db
			.select(columns)
			.from(media)
			.where(and(eq(media.id, mediaId), eq(media.organisationId, organisationId)));
		if (!row) throw new NotFound('media');
		return row;
	}
	if (!isParticipant(actor)) throw new NotFound('media');
	const [row] = await db
		.select(columns)
		.from(media)
		.innerJoin(curriculumStep, eq(curriculumStep.mediaId, media.id))
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.innerJoin(groupCourse, eq(groupCourse.versionId, curriculumModule.versionId))
		.innerJoin(
			groupMember,
			and(
				eq(groupMember.groupId, groupCourse.groupId),
				eq(groupMember.personId, actor.personId),
				sql`${groupMember.leftAt} is null`
			)
		)
		.innerJoin(
			groupModule,
			and(
				eq(groupModule.groupId, groupCourse.groupId),
				eq(groupModule.moduleNumber, curriculumModule.number),
				eq(groupModule.state, 'open')
			)
		)
		.where(
			and(
				eq(media.id, mediaId),
				sql`not exists (select 1 from ${groupHiddenStep} where ${groupHiddenStep.groupId} = ${groupCourse.groupId}
					and ${groupHiddenStep.moduleNumber} = ${curriculumModule.number}
					and ${groupHiddenStep.stepKey} = ${curriculumStep.key})`
			)
		)
		.limit(1);
	if (!row) throw new NotFound('media');
	return row;
}

/** A media row in the player's terms, in the reader's language (Dutch when the other is missing). */
export function videoView(
	row: {
		id: string;
		title: { nl: string; en: string };
		videoType: string;
		posterFile: string | null;
		captionFiles: { nl?: string; en?: string };
		transcript: { nl?: string; en?: string };
	},
	locale: 'nl' | 'en'
): VideoView {
	return {
		id: row.id,
		title: row.title[locale] || row.title.nl,
		type: row.videoType,
		hasPoster: Boolean(row.posterFile),
		captions: (['nl', 'en'] as const).filter((lang) => row.captionFiles[lang]),
		transcript: row.transcript[locale] ?? row.transcript.nl ?? null
	};
}

/** The columns stepVideo reads, for a query that left-joins media on the step's media_id. */
export const stepVideoColumns = {
	mediaId: media.id,
	mediaTitle: media.title,
	mediaType: media.videoType,
	posterFile: media.posterFile,
	captionFiles: media.captionFiles,
	transcript: media.transcript
};

/** A step's video from its left-joined media columns, as the player shows it; null when it has none. */
export function stepVideo(
	row: {
		mediaId: string | null;
		mediaTitle: { nl: string; en: string } | null;
		mediaType: string | null;
		posterFile: string | null;
		captionFiles: { nl?: string; en?: string } | null;
		transcript: { nl?: string; en?: string } | null;
	},
	locale: 'nl' | 'en'
): VideoView | null {
	if (!row.mediaId || !row.mediaTitle || !row.mediaType) return null;
	return videoView(
		{
			id: row.mediaId,
			title: row.mediaTitle,
			videoType: row.mediaType,
			posterFile: row.posterFile,
			captionFiles: row.captionFiles ?? {},
			transcript: row.transcript ?? {}
		},
		locale
	);
}

/** A step that shows the video: in which version (published or the draft), module and step. */
export interface MediaUse {
	versionNumber: number;
	published: boolean;
	moduleNumber: number;
	stepKey: string;
	stepTitle: string;
}

/** At most this many steps are named where a video is used (each version repeats its steps). */
export const MEDIA_USES_SHOWN = 10;

/**
 * The steps that show the video, newest version first, each step once (its newest version; a step
 * of a published version before one of the draft), at most MEDIA_USES_SHOWN. Read with the index
 * on curriculum_step.media_id.
 */
export async function mediaUses(
	db: Db | Tx,
	mediaId: string,
	locale: 'nl' | 'en',
	only?: 'published'
): Promise<MediaUse[]> {
	const rows = await db
		.select({
			versionNumber: curriculumVersion.number,
			publishedAt: curriculumVersion.publishedAt,
			moduleNumber: curriculumModule.number,
			stepKey: curriculumStep.key,
			title: curriculumStep.title
		})
		.from(curriculumStep)
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.innerJoin(curriculumVersion, eq(curriculumVersion.id, curriculumModule.versionId))
		.where(
			and(
				eq(curriculumStep.mediaId, mediaId),
				only === 'published' ? sql`${curriculumVersion.publishedAt} is not null` : undefined
			)
		)
		.orderBy(desc(curriculumVersion.number), asc(curriculumModule.number), asc(curriculumStep.position))
		.limit(200);
	const seen = new Set<string>();
	const uses: MediaUse[] = [];
	// Published uses first: they are what blocks removing the video.
	for (const row of [...rows.filter((r) => r.publishedAt), ...rows.filter((r) => !r.publishedAt)]) {
		const place = `${row.moduleNumber}/${row.stepKey}`;
		if (seen.has(place) || uses.length >= MEDIA_USES_SHOWN) continue;
		seen.add(place);
		uses.push({
			versionNumber: row.versionNumber,
			published: row.publishedAt !== null,
			moduleNumber: row.moduleNumber,
			stepKey: row.stepKey,
			stepTitle: row.title[locale] || row.title.nl
		});
	}
	return uses;
}

/**
 * One video of the coordinator's organisation for its page: the player's view and the steps that
 * use it. Forbidden to anyone but a coordinator; NotFound for another organisation's video.
 */
export async function organisationVideo(db: Db, actor: Actor, mediaId: string, locale: 'nl' | 'en') {
	const found = await requireOrganisationMedia(db, actor, mediaId);
	const [row] = await db
		.select({
			id: media.id,
			title: media.title,
			videoType: media.videoType,
			posterFile: media.posterFile,
			captionFiles: media.captionFiles,
			transcript: media.transcript,
			starterName: media.starterName
		})
		.from(media)
		.where(eq(media.id, found.id));
	if (!row) throw new NotFound('media');
	return {
		video: videoView(row, locale),
		isSample: row.starterName !== null,
		uses: await mediaUses(db, row.id, locale)
	};
}
