/**
 * A curriculum version's modules and steps with their texts and video, in order: what the
 * coordinator's content overview (editing/) and the version pages (versions/) read.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { curriculumModule, curriculumStep, media } from '../db/schema';
import { stepVideoColumns } from '../media/queries';

/** A version's modules and steps with their texts and video, in order. */
export async function versionContent(db: Db, versionId: string) {
	const modules = await db
		.select({
			id: curriculumModule.id,
			number: curriculumModule.number,
			title: curriculumModule.title,
			summary: curriculumModule.summary
		})
		.from(curriculumModule)
		.where(eq(curriculumModule.versionId, versionId))
		.orderBy(asc(curriculumModule.number));
	const steps = await db
		.select({
			moduleId: curriculumStep.moduleId,
			key: curriculumStep.key,
			kind: curriculumStep.kind,
			title: curriculumStep.title,
			body: curriculumStep.body,
			bodyHtml: curriculumStep.bodyHtml,
			question: curriculumStep.question,
			...stepVideoColumns
		})
		.from(curriculumStep)
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.leftJoin(media, eq(media.id, curriculumStep.mediaId))
		.where(eq(curriculumModule.versionId, versionId))
		.orderBy(asc(curriculumModule.number), asc(curriculumStep.position));
	return modules.map((module) => ({ ...module, steps: steps.filter((step) => step.moduleId === module.id) }));
}
