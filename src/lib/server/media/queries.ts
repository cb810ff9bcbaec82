/**
 * Who may see a media item: staff of its organisation (trainers, coordinators), and participants
 * whose group shows a step with it in an open module. Everyone else gets NotFound (a 404).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import {
	curriculumModule,
	curriculumStep,
	groupCourse,
	groupHiddenStep,
	groupMember,
	groupModule,
	media
} from '../db/schema';
import { isParticipant, isStaff, requireOrganisationStaff } from '../access';
import { NotFound } from '../errors';
import { isUuid } from '$lib/domain/ids';

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
