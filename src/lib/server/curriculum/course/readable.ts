/**
 * What of their group's course a participant may read — its open modules and the steps the group
 * shows — and what a step shows. Shared by the course's reads (./queries.ts) and saving an answer
 * (./commands.ts).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { isReadable, type ModuleState } from '$lib/domain/curriculum';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../../db/client';
import {
	curriculumModule,
	curriculumStep,
	groupHiddenStep,
	media,
	type LocalisedText
} from '../../db/schema';
import { participantGroup } from '../../groups/queries';
import { isParticipant } from '../../access';
import { groupItemByKey, groupItemsOf } from '../group-items/queries';
import { type Locale, localised } from './localised';
import { stepVideo, stepVideoColumns } from '../../media/queries';
import { ensureGroupCourse, groupModulesOf } from './group-course';
import type { StepView } from './queries';

export interface GroupCourseRows {
	groupId: string;
	versionId: string;
	modules: {
		id: string;
		number: number;
		title: LocalisedText;
		summary: LocalisedText;
		state: ModuleState;
		position: number;
		sessionDate: string | null;
	}[];
	/** Visible step keys per module number, in order. */
	steps: Map<number, string[]>;
}

/**
 * Modules of the group's version with the group's settings, and the steps it shows (no access check:
 * callers check; the workbook and the trainer's paper answers read a participant's group with it).
 */
export async function groupCourseRows(
	db: Db | Tx,
	groupId: string,
	organisationId: string
): Promise<GroupCourseRows | null> {
	const versionId = await ensureGroupCourse(db, groupId, organisationId);
	if (!versionId) return null;
	const modules = await groupModulesOf(db, groupId, versionId);
	const stepRows = await db
		.select({ moduleNumber: curriculumModule.number, key: curriculumStep.key })
		.from(curriculumStep)
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.where(
			and(
				eq(curriculumModule.versionId, versionId),
				sql`not exists (select 1 from ${groupHiddenStep} where ${groupHiddenStep.groupId} = ${groupId}
					and ${groupHiddenStep.moduleNumber} = ${curriculumModule.number}
					and ${groupHiddenStep.stepKey} = ${curriculumStep.key})`
			)
		)
		.orderBy(asc(curriculumModule.number), asc(curriculumStep.position));
	const steps = new Map<number, string[]>();
	for (const row of stepRows) steps.set(row.moduleNumber, [...(steps.get(row.moduleNumber) ?? []), row.key]);
	// The group's own items follow the module's steps.
	for (const item of await groupItemsOf(db, groupId))
		steps.set(item.moduleNumber, [...(steps.get(item.moduleNumber) ?? []), item.key]);
	return { groupId, versionId, modules, steps };
}

/** The course of the participant's own group, or null when they are in none. */
export async function ownGroupCourse(actor: Actor, db: Db): Promise<GroupCourseRows | null> {
	if (!isParticipant(actor) || !actor.organisationId) return null;
	const found = await participantGroup(db, actor);
	return found ? groupCourseRows(db, found.group.id, actor.organisationId) : null;
}

/** A module of the participant's own group that is open, with the steps the group shows. */
export async function readableModule(actor: Actor, moduleNumber: number, db: Db) {
	const course = await ownGroupCourse(actor, db);
	const module = course?.modules.find((m) => m.number === moduleNumber);
	if (!course || !module || !isReadable(module.state)) return null;
	return {
		groupId: course.groupId,
		versionId: course.versionId,
		module,
		stepKeys: course.steps.get(moduleNumber) ?? []
	};
}

type StepContent = Pick<StepView, 'kind' | 'title' | 'bodyHtml' | 'question' | 'video'> & {
	moduleTitle: string;
};

/** What a step shows: from the group's curriculum version, or one of the group's own items. */
export async function stepContent(
	db: Db,
	scope: { groupId: string; versionId: string; module: { title: LocalisedText } },
	moduleNumber: number,
	key: string,
	locale: Locale
): Promise<StepContent | null> {
	const moduleTitle = localised(scope.module.title, locale);
	const own = await groupItemByKey(db, scope.groupId, moduleNumber, key);
	if (own)
		return {
			moduleTitle,
			kind: own.kind === 'exercise' ? 'exercise' : 'text',
			title: own.title,
			bodyHtml: own.bodyHtml,
			question: own.question,
			video: null
		};
	const [row] = await db
		.select({
			kind: curriculumStep.kind,
			title: curriculumStep.title,
			bodyHtml: curriculumStep.bodyHtml,
			question: curriculumStep.question,
			...stepVideoColumns
		})
		.from(curriculumStep)
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.leftJoin(media, eq(media.id, curriculumStep.mediaId))
		.where(
			and(
				eq(curriculumModule.versionId, scope.versionId),
				eq(curriculumModule.number, moduleNumber),
				eq(curriculumStep.key, key)
			)
		);
	if (!row) return null;
	return {
		moduleTitle,
		kind: row.kind,
		title: localised(row.title, locale),
		bodyHtml: localised(row.bodyHtml, locale),
		question: row.question ? localised(row.question, locale) : null,
		video: stepVideo(row, locale)
	};
}

/** The group's version and visible steps of an open module, if the step is one of them. */
export async function readableStepScope(actor: Actor, moduleNumber: number, key: string, db: Db) {
	const readable = await readableModule(actor, moduleNumber, db);
	return readable?.stepKeys.includes(key) ? readable : null;
}
