/**
 * A group's course as its participants read it: the modules their group shows (open and coming, in
 * the group's order, with their session dates) with their own progress, one open module, and one
 * step, which is marked seen. Saving an answer is in ./commands.ts.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
	moduleStatus,
	neighbours,
	resumeStep,
	visibleModules,
	type ModuleState,
	type ModuleStatus,
	type StepProgressRow
} from '$lib/domain/curriculum';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../../db/client';
import { curriculumStep, exerciseAnswer, person, stepProgress } from '../../db/schema';
import { forgetOverview } from '../../goals/overview-cache';
import { NotFound } from '../../errors';
import { groupItemsOf } from '../group-items/queries';
import type { VideoView } from '$lib/video';
import type { StepKind } from '../parse';
import { type Locale, localised } from './localised';
import { ownGroupCourse, readableModule, stepContent, readableStepScope } from './readable';

export interface CourseModule {
	number: number;
	title: string;
	summary: string;
	state: ModuleState;
	position: number;
	sessionDate: string | null;
	status: ModuleStatus;
	stepKeys: string[];
	doneCount: number;
	resumeKey: string | null;
}

async function progressOf(db: Db, personId: string, moduleNumbers?: number[]) {
	const rows = await db
		.select({
			moduleNumber: stepProgress.moduleNumber,
			stepKey: stepProgress.stepKey,
			done: sql<boolean>`${stepProgress.doneAt} is not null`
		})
		.from(stepProgress)
		.where(
			and(
				eq(stepProgress.personId, personId),
				moduleNumbers ? inArray(stepProgress.moduleNumber, moduleNumbers) : undefined
			)
		);
	const byModule = new Map<number, StepProgressRow[]>();
	for (const row of rows)
		byModule.set(row.moduleNumber, [
			...(byModule.get(row.moduleNumber) ?? []),
			{ stepKey: row.stepKey, seen: true, done: row.done }
		]);
	return byModule;
}

export interface ParticipantCourse {
	modules: CourseModule[];
}

/**
 * The modules a participant sees (open and coming, in the group's order) with their own progress;
 * null when they are in no group (or their organisation has no course yet).
 */
export async function participantCourse(
	db: Db,
	actor: Actor,
	locale: Locale
): Promise<ParticipantCourse | null> {
	const course = await ownGroupCourse(actor, db);
	if (!course) return null;
	const progress = await progressOf(db, actor.personId);
	return {
		modules: visibleModules(course.modules).map((module) => {
			const stepKeys = course.steps.get(module.number) ?? [];
			const rows = progress.get(module.number) ?? [];
			const done = new Set(rows.filter((row) => row.done).map((row) => row.stepKey));
			return {
				number: module.number,
				title: localised(module.title, locale),
				summary: localised(module.summary, locale),
				state: module.state,
				position: module.position,
				sessionDate: module.sessionDate,
				status: moduleStatus(module.state, stepKeys, rows),
				stepKeys,
				doneCount: stepKeys.filter((key) => done.has(key)).length,
				resumeKey: resumeStep(stepKeys, rows)
			};
		})
	};
}

export interface StepView {
	module: { number: number; title: string };
	key: string;
	kind: StepKind;
	title: string;
	bodyHtml: string;
	question: string | null;
	answer: string;
	/** The trainer who typed the answer in from the participant's paper workbook, until they change it. */
	answerEnteredBy: string | null;
	done: boolean;
	index: number;
	total: number;
	previous: string | null;
	next: string | null;
	video: VideoView | null;
}

/**
 * One step for a participant, if their group shows it and its module is open; marks it seen.
 * NotFound otherwise (whether it exists elsewhere is not theirs to know).
 */
export async function participantStep(
	db: Db,
	actor: Actor,
	moduleNumber: number,
	key: string,
	locale: Locale
): Promise<StepView> {
	const scope = await readableStepScope(actor, moduleNumber, key, db);
	if (!scope) throw new NotFound('step');
	const row = await stepContent(db, scope, moduleNumber, key, locale);
	if (!row) throw new NotFound('step');
	const seen = await db
		.insert(stepProgress)
		.values({ personId: actor.personId, moduleNumber, stepKey: key })
		.onConflictDoNothing()
		.returning({ key: stepProgress.stepKey });
	if (seen.length > 0) forgetOverview(actor.personId);
	const [state] = await db
		.select({ done: sql<boolean>`${stepProgress.doneAt} is not null` })
		.from(stepProgress)
		.where(
			and(
				eq(stepProgress.personId, actor.personId),
				eq(stepProgress.moduleNumber, moduleNumber),
				eq(stepProgress.stepKey, key)
			)
		);
	const { answer, enteredBy } = row.question
		? await ownAnswer(db, actor.personId, moduleNumber, key)
		: { answer: '', enteredBy: null };
	const around = neighbours(scope.stepKeys, key);
	return {
		module: { number: moduleNumber, title: row.moduleTitle },
		key,
		kind: row.kind,
		title: row.title,
		bodyHtml: row.bodyHtml,
		question: row.question,
		answer,
		answerEnteredBy: enteredBy,
		done: state?.done ?? false,
		index: around.index,
		total: around.total,
		previous: around.previous,
		next: around.next,
		video: row.video
	};
}

async function ownAnswer(db: Db, personId: string, moduleNumber: number, key: string) {
	const [row] = await db
		.select({ answer: exerciseAnswer.answer, enteredBy: person.displayName })
		.from(exerciseAnswer)
		.leftJoin(person, eq(person.id, exerciseAnswer.enteredByPersonId))
		.where(
			and(
				eq(exerciseAnswer.personId, personId),
				eq(exerciseAnswer.moduleNumber, moduleNumber),
				eq(exerciseAnswer.stepKey, key)
			)
		);
	return { answer: row?.answer ?? '', enteredBy: row?.enteredBy ?? null };
}

export interface ModuleView {
	number: number;
	title: string;
	summary: string;
	status: ModuleStatus;
	steps: { key: string; title: string; status: 'done' | 'seen' | 'todo' }[];
	resumeKey: string | null;
}

/** One open module of the participant's group with their progress per step; NotFound when not readable. */
export async function participantModule(
	db: Db,
	actor: Actor,
	moduleNumber: number,
	locale: Locale
): Promise<ModuleView> {
	const readable = await readableModule(actor, moduleNumber, db);
	if (!readable) throw new NotFound('module');
	const { module, stepKeys } = readable;
	const titles = await db
		.select({ key: curriculumStep.key, title: curriculumStep.title })
		.from(curriculumStep)
		.where(eq(curriculumStep.moduleId, module.id));
	const titleOf = new Map(titles.map((row) => [row.key, localised(row.title, locale)]));
	for (const item of await groupItemsOf(db, readable.groupId, [moduleNumber]))
		titleOf.set(item.key, item.title);
	const rows = (await progressOf(db, actor.personId, [moduleNumber])).get(moduleNumber) ?? [];
	const byKey = new Map(rows.map((row) => [row.stepKey, row]));
	return {
		number: module.number,
		title: localised(module.title, locale),
		summary: localised(module.summary, locale),
		status: moduleStatus(module.state, stepKeys, rows),
		steps: stepKeys.map((key) => ({
			key,
			title: titleOf.get(key) ?? key,
			status: byKey.get(key)?.done ? 'done' : byKey.has(key) ? 'seen' : 'todo'
		})),
		resumeKey: resumeStep(stepKeys, rows)
	};
}
