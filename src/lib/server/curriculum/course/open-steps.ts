/**
 * The modules open for a group now, with every step the group shows — its text as written
 * (Markdown), its question — and one participant's answers (and who typed an answer in for them).
 * No access check: the printed workbook and the trainer's paper answers check first and read with
 * this.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { isReadable } from '$lib/domain/curriculum';
import type { Db, Tx } from '../../db/client';
import { curriculumModule, curriculumStep, exerciseAnswer, groupItem, person } from '../../db/schema';
import { groupItemKey } from '../group-items/step-key';
import { localised, type Locale } from './localised';
import { groupCourseRows, type GroupCourseRows } from './readable';

/** What a step is: a module step's kind, or one of the group's own items. */
export type OpenStepKind = 'text' | 'video' | 'exercise' | 'practice' | 'link' | 'file';

export interface OpenStep {
	key: string;
	kind: OpenStepKind;
	title: string;
	/** Markdown as written. */
	body: string;
	question: string | null;
	/** For a link of the group's own: where it goes. */
	url: string | null;
	/** The participant's answer (only for a step that asks something), and who typed it in for them. */
	answer: { text: string; enteredBy: string | null; updatedAt: Date } | null;
}

export interface OpenModule {
	number: number;
	title: string;
	summary: string;
	steps: OpenStep[];
}

/** The open modules of the group, in the group's order, with the participant's answers. */
export async function openModuleSteps(
	db: Db | Tx,
	group: { groupId: string; organisationId: string },
	participantId: string,
	locale: Locale
): Promise<OpenModule[]> {
	const course = await groupCourseRows(db, group.groupId, group.organisationId);
	if (!course) return [];
	const open = course.modules
		.filter((module) => isReadable(module.state))
		.sort((a, b) => a.position - b.position || a.number - b.number);
	if (open.length === 0) return [];
	const numbers = open.map((module) => module.number);
	// One after the other: `db` may be a transaction, whose connection runs one query at a time.
	const steps = await courseSteps(db, course, numbers, locale);
	const ownItems = await ownItemsOf(db, course.groupId, numbers);
	const answers = await answersOf(db, participantId, numbers);
	return open.map((module) => ({
		number: module.number,
		title: localised(module.title, locale),
		summary: localised(module.summary, locale),
		steps: (course.steps.get(module.number) ?? []).flatMap((key) => {
			const id = `${module.number}/${key}`;
			const step = steps.get(id) ?? ownItems.get(id);
			if (!step) return [];
			const answer = answers.get(id);
			return [{ ...step, key, answer: step.question && answer ? answer : null }];
		})
	}));
}

type StepText = Omit<OpenStep, 'key' | 'answer'>;

async function courseSteps(db: Db | Tx, course: GroupCourseRows, numbers: number[], locale: Locale) {
	const rows = await db
		.select({
			moduleNumber: curriculumModule.number,
			key: curriculumStep.key,
			kind: curriculumStep.kind,
			title: curriculumStep.title,
			body: curriculumStep.body,
			question: curriculumStep.question
		})
		.from(curriculumStep)
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.where(and(eq(curriculumModule.versionId, course.versionId), inArray(curriculumModule.number, numbers)));
	return new Map<string, StepText>(
		rows.map((row) => [
			`${row.moduleNumber}/${row.key}`,
			{
				kind: row.kind,
				title: localised(row.title, locale),
				body: localised(row.body, locale),
				question: row.question ? localised(row.question, locale) : null,
				url: null
			}
		])
	);
}

async function ownItemsOf(db: Db | Tx, groupId: string, numbers: number[]) {
	const rows = await db
		.select({
			id: groupItem.id,
			moduleNumber: groupItem.moduleNumber,
			kind: groupItem.kind,
			title: groupItem.title,
			body: groupItem.body,
			url: groupItem.url,
			question: groupItem.question
		})
		.from(groupItem)
		.where(and(eq(groupItem.groupId, groupId), inArray(groupItem.moduleNumber, numbers)));
	return new Map<string, StepText>(
		rows.map((row) => [
			`${row.moduleNumber}/${groupItemKey(row.id)}`,
			{
				kind: row.kind,
				title: row.title,
				body: row.body,
				// As the step page shows it (./readable.ts): an own item asks what it was given to ask.
				question: row.question?.trim() ? row.question : null,
				url: row.kind === 'link' ? row.url : null
			}
		])
	);
}

async function answersOf(db: Db | Tx, participantId: string, numbers: number[]) {
	const rows = await db
		.select({
			moduleNumber: exerciseAnswer.moduleNumber,
			key: exerciseAnswer.stepKey,
			text: exerciseAnswer.answer,
			enteredBy: person.displayName,
			updatedAt: exerciseAnswer.updatedAt
		})
		.from(exerciseAnswer)
		.leftJoin(person, eq(person.id, exerciseAnswer.enteredByPersonId))
		.where(and(eq(exerciseAnswer.personId, participantId), inArray(exerciseAnswer.moduleNumber, numbers)));
	return new Map(
		rows.map((row) => [
			`${row.moduleNumber}/${row.key}`,
			{ text: row.text, enteredBy: row.enteredBy, updatedAt: row.updatedAt }
		])
	);
}
