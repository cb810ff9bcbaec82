/**
 * A group's course: the curriculum version it follows and, per module, whether it is open, coming or
 * closed, in which order and on which session date; steps the trainer hid. Reads for participants
 * are scoped to their own group; every read or write of a participant's answers is logged.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import {
	isReadable,
	moduleStatus,
	neighbours,
	resumeStep,
	visibleModules,
	type ModuleState,
	type ModuleStatus,
	type StepProgressRow
} from '$lib/domain/curriculum';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import {
	curriculumModule,
	curriculumStep,
	curriculumVersion,
	exerciseAnswer,
	groupCourse,
	groupHiddenStep,
	groupModule,
	media,
	stepProgress,
	type LocalisedText
} from '../db/schema';
import { participantGroup } from '../groups/queries';
import { forgetOverview } from '../goals/overview-cache';
import { isParticipant } from '../access';
import { NotFound } from '../errors';
import { groupItemByKey, groupItemsOf } from './group-items';
import type { StepKind } from './parse';

export type Locale = 'nl' | 'en';

/** A text in the reader's language; Dutch while a translation is missing. */
export function localised(text: LocalisedText, locale: Locale): string {
	return text[locale]?.trim() ? text[locale] : text.nl;
}

/** The organisation's newest published curriculum version, or null before any. */
export async function newestPublishedVersion(
	db: Db | Tx,
	organisationId: string
): Promise<{ id: string; number: number } | null> {
	const [newest] = await db
		.select({ id: curriculumVersion.id, number: curriculumVersion.number })
		.from(curriculumVersion)
		.where(
			and(eq(curriculumVersion.organisationId, organisationId), isNotNull(curriculumVersion.publishedAt))
		)
		.orderBy(desc(curriculumVersion.number))
		.limit(1);
	return newest ?? null;
}

/**
 * The version a group follows, created on first use: the organisation's newest published version,
 * with module 1 open and the others coming (in module order). Returns null when there is none.
 */
export async function ensureGroupCourse(
	db: Db | Tx,
	groupId: string,
	organisationId: string
): Promise<string | null> {
	const [existing] = await db
		.select({ versionId: groupCourse.versionId })
		.from(groupCourse)
		.where(eq(groupCourse.groupId, groupId));
	if (existing) return existing.versionId;
	const latest = await newestPublishedVersion(db, organisationId);
	if (!latest) return null;
	await db.insert(groupCourse).values({ groupId, versionId: latest.id }).onConflictDoNothing();
	const numbers = await db
		.select({ number: curriculumModule.number })
		.from(curriculumModule)
		.where(eq(curriculumModule.versionId, latest.id))
		.orderBy(asc(curriculumModule.number));
	if (numbers.length > 0)
		await db
			.insert(groupModule)
			.values(
				numbers.map(({ number }, index) => ({
					groupId,
					moduleNumber: number,
					state: (index === 0 ? 'open' : 'coming') as ModuleState,
					position: index + 1
				}))
			)
			.onConflictDoNothing();
	const [chosen] = await db
		.select({ versionId: groupCourse.versionId })
		.from(groupCourse)
		.where(eq(groupCourse.groupId, groupId));
	return chosen?.versionId ?? null;
}

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

interface GroupCourseRows {
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

/** The modules of a version with one group's settings (modules without a row count as coming). */
export function groupModulesOf(db: Db | Tx, groupId: string, versionId: string) {
	return db
		.select({
			id: curriculumModule.id,
			number: curriculumModule.number,
			title: curriculumModule.title,
			summary: curriculumModule.summary,
			state: sql<ModuleState>`coalesce(${groupModule.state}, 'coming')`,
			position: sql<number>`coalesce(${groupModule.position}, ${curriculumModule.number})`,
			sessionDate: groupModule.sessionDate
		})
		.from(curriculumModule)
		.leftJoin(
			groupModule,
			and(eq(groupModule.groupId, groupId), eq(groupModule.moduleNumber, curriculumModule.number))
		)
		.where(eq(curriculumModule.versionId, versionId))
		.orderBy(asc(curriculumModule.number));
}

/** Modules of the group's version with the group's settings, and the steps it shows. */
async function groupCourseRows(
	db: Db,
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

/** The course of the participant's own group, or null when they are in none. */
async function ownGroupCourse(actor: Actor, db: Db): Promise<GroupCourseRows | null> {
	if (!isParticipant(actor) || !actor.organisationId) return null;
	const found = await participantGroup(db, actor);
	return found ? groupCourseRows(db, found.group.id, actor.organisationId) : null;
}

/** A module of the participant's own group that is open, with the steps the group shows. */
async function readableModule(actor: Actor, moduleNumber: number, db: Db) {
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
	done: boolean;
	index: number;
	total: number;
	previous: string | null;
	next: string | null;
	video: {
		id: string;
		title: string;
		type: string;
		hasPoster: boolean;
		captions: Locale[];
		transcript: string | null;
	} | null;
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
	const answer = row.question ? await ownAnswer(db, actor.personId, moduleNumber, key) : '';
	const around = neighbours(scope.stepKeys, key);
	return {
		module: { number: moduleNumber, title: row.moduleTitle },
		key,
		kind: row.kind,
		title: row.title,
		bodyHtml: row.bodyHtml,
		question: row.question,
		answer,
		done: state?.done ?? false,
		index: around.index,
		total: around.total,
		previous: around.previous,
		next: around.next,
		video: row.video
	};
}

type StepContent = Pick<StepView, 'kind' | 'title' | 'bodyHtml' | 'question' | 'video'> & {
	moduleTitle: string;
};

/** What a step shows: from the group's curriculum version, or one of the group's own items. */
async function stepContent(
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
			mediaId: curriculumStep.mediaId,
			mediaTitle: media.title,
			mediaType: media.videoType,
			posterFile: media.posterFile,
			captionFiles: media.captionFiles,
			transcript: media.transcript
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
		video:
			row.mediaId && row.mediaTitle && row.mediaType
				? {
						id: row.mediaId,
						title: row.mediaTitle[locale],
						type: row.mediaType,
						hasPoster: Boolean(row.posterFile),
						captions: (['nl', 'en'] as const).filter((lang) => row.captionFiles?.[lang]),
						transcript: row.transcript?.[locale] ?? row.transcript?.nl ?? null
					}
				: null
	};
}

async function ownAnswer(db: Db, personId: string, moduleNumber: number, key: string): Promise<string> {
	const [row] = await db
		.select({ answer: exerciseAnswer.answer })
		.from(exerciseAnswer)
		.where(
			and(
				eq(exerciseAnswer.personId, personId),
				eq(exerciseAnswer.moduleNumber, moduleNumber),
				eq(exerciseAnswer.stepKey, key)
			)
		);
	return row?.answer ?? '';
}

/** The group's version and visible steps of an open module, if the step is one of them. */
async function readableStepScope(actor: Actor, moduleNumber: number, key: string, db: Db) {
	const readable = await readableModule(actor, moduleNumber, db);
	return readable?.stepKeys.includes(key) ? readable : null;
}

export const MAX_ANSWER_LENGTH = 4000;

/**
 * Saves a participant's answer (as they type, or on "next"), and marks the step done when `finish`.
 * Returns the next step's key (null after the last); NotFound when the step is not readable for them.
 */
export async function saveStep(
	db: Db,
	actor: Actor,
	input: { moduleNumber: number; key: string; answer?: string; finish: boolean }
): Promise<{ next: string | null }> {
	const scope = await readableStepScope(actor, input.moduleNumber, input.key, db);
	if (!scope) throw new NotFound('step');
	const step = await stepContent(db, scope, input.moduleNumber, input.key, 'nl');
	// Only steps that ask something keep an answer.
	const answer = step?.question ? input.answer?.slice(0, MAX_ANSWER_LENGTH) : undefined;
	await db.transaction(async (tx) => {
		if (answer !== undefined) {
			await tx
				.insert(exerciseAnswer)
				.values({ personId: actor.personId, moduleNumber: input.moduleNumber, stepKey: input.key, answer })
				.onConflictDoUpdate({
					target: [exerciseAnswer.personId, exerciseAnswer.moduleNumber, exerciseAnswer.stepKey],
					set: { answer, updatedAt: new Date() }
				});
			await record(tx, {
				eventType: 'curriculum.answer_save',
				action: 'U',
				actor,
				participantId: actor.personId,
				object: { type: 'step', id: `${input.moduleNumber}/${input.key}` }
			});
		}
		if (input.finish)
			await tx
				.insert(stepProgress)
				.values({
					personId: actor.personId,
					moduleNumber: input.moduleNumber,
					stepKey: input.key,
					doneAt: new Date()
				})
				.onConflictDoUpdate({
					target: [stepProgress.personId, stepProgress.moduleNumber, stepProgress.stepKey],
					set: { doneAt: sql`coalesce(${stepProgress.doneAt}, now())` }
				});
	});
	// After the commit: forgotten before it, a read in between could cache the old progress again.
	forgetOverview(actor.personId);
	return { next: neighbours(scope.stepKeys, input.key).next };
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
