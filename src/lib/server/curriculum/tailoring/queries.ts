/**
 * Trainers fit the course to their group; these are the reads: the group's course as the trainer
 * sets it up, the group's progress, and one participant's answers. Reading participants' progress or
 * answers is logged. The writes are in ./commands.ts.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ModuleState } from '$lib/domain/curriculum';
import type { Actor } from '$lib/domain/policy';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import {
	curriculumModule,
	curriculumStep,
	exerciseAnswer,
	groupHiddenStep,
	groupMember,
	person,
	stepProgress
} from '../../db/schema';
import { requireGroupTrainer, requireParticipantInGroup } from '../../access';
import { ensureGroupCourse, groupModulesOf } from '../course/group-course';
import type { Locale } from '../course/localised';
import { groupItemsOf, type GroupItemKind } from '../group-items/queries';
import type { StepKind } from '../parse';

export interface TailoredModule {
	number: number;
	title: string;
	state: ModuleState;
	position: number;
	sessionDate: string | null;
	/** The module's steps, then the group's own items (`own`), which are removed rather than hidden. */
	steps: { key: string; title: string; kind: TailoredKind; hidden: boolean; own: boolean }[];
}

/** What a step is, as the trainer's list names it: a module step's kind, or an own link, PDF or picture. */
export type TailoredKind = StepKind | 'link' | 'pdf' | 'image';

/** An own item's kind in the trainer's list: a file is named by what it is (a PDF or a picture). */
function ownKind(item: { kind: GroupItemKind; fileType: string | null }): TailoredKind {
	if (item.kind !== 'file') return item.kind;
	return item.fileType === 'application/pdf' ? 'pdf' : 'image';
}

/**
 * The group's course as the trainer sets it up: every module of its version, in the group's order.
 * NotFound when the actor does not train the group.
 */
export async function groupCourseForTrainer(
	db: Db,
	actor: Actor,
	groupId: string,
	locale: Locale
): Promise<{ group: { id: string; name: string }; modules: TailoredModule[] }> {
	const group = await requireGroupTrainer(db, actor, groupId);
	const versionId = await ensureGroupCourse(db, group.id, group.organisationId);
	if (!versionId) return { group, modules: [] };
	const modules = await groupModulesOf(db, group.id, versionId);
	const steps = await db
		.select({
			moduleId: curriculumStep.moduleId,
			key: curriculumStep.key,
			title: curriculumStep.title,
			kind: curriculumStep.kind,
			hidden: sql<boolean>`${groupHiddenStep.stepKey} is not null`
		})
		.from(curriculumStep)
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.leftJoin(
			groupHiddenStep,
			and(
				eq(groupHiddenStep.groupId, group.id),
				eq(groupHiddenStep.moduleNumber, curriculumModule.number),
				eq(groupHiddenStep.stepKey, curriculumStep.key)
			)
		)
		.where(eq(curriculumModule.versionId, versionId))
		.orderBy(asc(curriculumStep.position));
	const ownItems = await groupItemsOf(db, group.id);
	return {
		group: { id: group.id, name: group.name },
		modules: modules
			.sort((a, b) => a.position - b.position || a.number - b.number)
			.map((module) => ({
				number: module.number,
				title: module.title[locale],
				state: module.state,
				position: module.position,
				sessionDate: module.sessionDate,
				steps: [
					...steps
						.filter((step) => step.moduleId === module.id)
						.map(({ key, title, kind, hidden }) => ({ key, title: title[locale], kind, hidden, own: false })),
					...ownItems
						.filter((item) => item.moduleNumber === module.number)
						.map((item) => ({
							key: item.key,
							title: item.title,
							kind: ownKind(item),
							hidden: false,
							own: true
						}))
				]
			}))
	};
}

export interface ProgressGrid {
	group: { id: string; name: string };
	modules: { number: number; title: string; state: ModuleState; finishedBy: number; startedBy: number }[];
	participants: {
		id: string;
		displayName: string;
		modules: Record<number, { done: number; total: number }>;
	}[];
}

/** Group × module: how many finished or started each module, and each participant's steps done. Logged per participant. */
export async function groupProgress(
	db: Db,
	actor: Actor,
	groupId: string,
	locale: Locale
): Promise<ProgressGrid> {
	const course = await groupCourseForTrainer(db, actor, groupId, locale);
	const members = await db
		.select({ id: person.id, displayName: person.displayName })
		.from(groupMember)
		.innerJoin(person, eq(person.id, groupMember.personId))
		.where(and(eq(groupMember.groupId, groupId), isNull(groupMember.leftAt), isNull(person.deactivatedAt)))
		.orderBy(asc(person.displayName));
	const ids = members.map((member) => member.id);
	const done =
		ids.length === 0
			? []
			: await db
					.select({
						personId: stepProgress.personId,
						moduleNumber: stepProgress.moduleNumber,
						stepKey: stepProgress.stepKey,
						done: sql<boolean>`${stepProgress.doneAt} is not null`
					})
					.from(stepProgress)
					.where(sql`${stepProgress.personId} = any(${sql.param(ids)}::uuid[])`);
	await record(
		db,
		...members.map((member) => ({
			eventType: 'curriculum.progress.read' as const,
			action: 'R' as const,
			actor,
			participantId: member.id,
			object: { type: 'group', id: groupId }
		}))
	);
	const visible = course.modules.filter((module) => module.state !== 'closed');
	const participants = members.map((member) => ({
		...member,
		modules: Object.fromEntries(
			visible.map((module) => {
				const keys = module.steps.filter((step) => !step.hidden).map((step) => step.key);
				const finished = done.filter(
					(row) =>
						row.personId === member.id &&
						row.moduleNumber === module.number &&
						row.done &&
						keys.includes(row.stepKey)
				).length;
				return [module.number, { done: finished, total: keys.length }];
			})
		)
	}));
	return {
		group: course.group,
		modules: visible.map((module) => ({
			number: module.number,
			title: module.title,
			state: module.state,
			finishedBy: participants.filter((p) => {
				const cell = p.modules[module.number];
				return cell !== undefined && cell.total > 0 && cell.done === cell.total;
			}).length,
			startedBy: participants.filter((p) => (p.modules[module.number]?.done ?? 0) > 0).length
		})),
		participants
	};
}

/**
 * A participant's answers to exercises and home practice, for a trainer of the group they are in now.
 * Logged. NotFound for another group or a participant who is not (or no longer) in this one.
 */
export async function participantAnswers(
	db: Db,
	actor: Actor,
	groupId: string,
	participantId: string,
	locale: Locale
) {
	// One query: the participant may be read by this trainer, and is in this group now.
	const scope = await requireParticipantInGroup(db, actor, groupId, participantId, 'read');
	const group = { id: scope.group.id, name: scope.group.name, organisationId: scope.organisationId };
	const member = { id: scope.participantId, displayName: scope.participantName };
	const versionId = await ensureGroupCourse(db, group.id, group.organisationId);
	const rows = await db
		.select({
			moduleNumber: exerciseAnswer.moduleNumber,
			stepKey: exerciseAnswer.stepKey,
			answer: exerciseAnswer.answer,
			updatedAt: exerciseAnswer.updatedAt,
			question: curriculumStep.question,
			title: curriculumStep.title,
			enteredBy: person.displayName
		})
		.from(exerciseAnswer)
		.leftJoin(person, eq(person.id, exerciseAnswer.enteredByPersonId))
		.leftJoin(
			curriculumModule,
			and(
				eq(curriculumModule.number, exerciseAnswer.moduleNumber),
				versionId ? eq(curriculumModule.versionId, versionId) : sql`false`
			)
		)
		.leftJoin(
			curriculumStep,
			and(eq(curriculumStep.moduleId, curriculumModule.id), eq(curriculumStep.key, exerciseAnswer.stepKey))
		)
		.where(eq(exerciseAnswer.personId, member.id))
		.orderBy(asc(exerciseAnswer.moduleNumber), asc(exerciseAnswer.stepKey));
	await record(db, {
		eventType: 'curriculum.answers.read',
		action: 'R',
		actor,
		participantId: member.id,
		object: { type: 'group', id: group.id }
	});
	return {
		group: { id: group.id, name: group.name },
		participant: member,
		answers: rows.map((row) => ({
			moduleNumber: row.moduleNumber,
			stepKey: row.stepKey,
			question: row.question?.[locale] ?? row.title?.[locale] ?? row.stepKey,
			answer: row.answer,
			updatedAt: row.updatedAt,
			/** The trainer who typed it in from paper, until the participant changes it. */
			enteredBy: row.enteredBy
		}))
	};
}
