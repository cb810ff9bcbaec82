/**
 * Filling in a measure: the participant's own version one item at a time (every answer saved at
 * once, resumable, restartable) and the clinician version by a trainer. A response belongs to one
 * participant, group, purpose and moment; it is scored when it is finished.
 */
import { and, eq, sql } from 'drizzle-orm';
import {
	askedItems,
	cleanAnswers,
	isEnabled,
	missingRequired,
	scoreResponse,
	type Answers
} from '$lib/domain/measures/questionnaire';
import { momentsOf, openMoment, type Moment } from '$lib/domain/measures/schedule';
import type { Actor } from '$lib/domain/policy';
import { local } from '$lib/domain/schedule';
import { findMemberGroup, requireMemberGroup, requireParticipantInGroup } from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { courseGroup, groupMeasurePlan, questionnaireResponse } from '../db/schema';
import { Conflict, Invalid, NotFound } from '../errors';
import { definitionById, groupDefinition, type Definition, type ScheduledPurpose } from './definitions';

export interface MeasureGroup {
	id: string;
	organisationId: string;
	name: string;
	startDate: string;
	moments: number[];
}

/** A group's start date and measure moments (the defaults when none were set). */
export async function measureGroup(db: Db | Tx, groupId: string): Promise<MeasureGroup> {
	const [row] = await db
		.select({
			id: courseGroup.id,
			organisationId: courseGroup.organisationId,
			name: courseGroup.name,
			startDate: courseGroup.startDate,
			moments: sql<number[]>`coalesce(${groupMeasurePlan.moments}, '{0,6,12}'::smallint[])`
		})
		.from(courseGroup)
		.leftJoin(groupMeasurePlan, eq(groupMeasurePlan.groupId, courseGroup.id))
		.where(eq(courseGroup.id, groupId));
	if (!row) throw new NotFound('group');
	return { ...row, moments: row.moments.map(Number) };
}

export interface ResponseRow {
	id: string;
	status: 'in_progress' | 'completed';
	answers: Answers;
	position: number;
	completedAt: Date | null;
	mean: number | null;
	authorId: string | null;
	questionnaireId: string;
	updatedAt: Date;
}

const responseColumns = {
	id: questionnaireResponse.id,
	status: questionnaireResponse.status,
	answers: questionnaireResponse.answers,
	position: questionnaireResponse.position,
	completedAt: questionnaireResponse.completedAt,
	mean: questionnaireResponse.mean,
	authorId: questionnaireResponse.authorId,
	questionnaireId: questionnaireResponse.questionnaireId,
	updatedAt: questionnaireResponse.updatedAt
};

interface Slot {
	subjectId: string;
	group: MeasureGroup;
	purpose: ScheduledPurpose;
	moment: number;
}

async function findResponse(db: Db | Tx, slot: Slot, lock = false): Promise<ResponseRow | null> {
	const query = db
		.select(responseColumns)
		.from(questionnaireResponse)
		.where(
			and(
				eq(questionnaireResponse.subjectId, slot.subjectId),
				eq(questionnaireResponse.purpose, slot.purpose),
				eq(questionnaireResponse.groupId, slot.group.id),
				eq(questionnaireResponse.moment, slot.moment)
			)
		);
	const [row] = lock ? await query.for('update') : await query;
	return row ?? null;
}

/** The slot's response, made (empty, in progress) when there is none yet. */
async function openResponse(
	tx: Tx,
	slot: Slot,
	definition: Definition,
	authorId: string
): Promise<ResponseRow> {
	await tx
		.insert(questionnaireResponse)
		.values({
			organisationId: slot.group.organisationId,
			questionnaireId: definition.id,
			purpose: slot.purpose,
			subjectId: slot.subjectId,
			authorId,
			groupId: slot.group.id,
			moment: slot.moment
		})
		.onConflictDoNothing();
	return (await findResponse(tx, slot, true))!;
}

/** Scores a response's answers and marks it finished. */
async function finish(tx: Tx, response: ResponseRow, definition: Definition, answers: Answers, now: Date) {
	const score = scoreResponse(definition.questionnaire, answers);
	await tx
		.update(questionnaireResponse)
		.set({
			answers,
			status: 'completed',
			completedAt: now,
			mean: score.mean,
			factors: Object.fromEntries(score.factors.map((factor) => [factor.code, factor.mean])),
			updatedAt: now
		})
		.where(eq(questionnaireResponse.id, response.id));
	return score;
}

export interface OwnMeasure {
	group: MeasureGroup;
	/** The moment open now, or null when nothing is due. */
	moment: Moment | null;
	definition: Definition | null;
	response: ResponseRow | null;
}

/** What the participant has to fill in now (not logged: it is their own). */
export async function ownMeasure(db: Db | Tx, actor: Actor, now = new Date()): Promise<OwnMeasure> {
	const member = await requireMemberGroup(db, actor);
	const group = await measureGroup(db, member.groupId);
	const moment = openMoment(group.startDate, group.moments, local(now).date);
	if (!moment) return { group, moment: null, definition: null, response: null };
	const response = await findResponse(db, {
		subjectId: actor.personId,
		group,
		purpose: 'imr_participant',
		moment: moment.moment
	});
	const definition = response
		? await definitionById(db, group.organisationId, response.questionnaireId)
		: await groupDefinition(db, group, 'imr_participant');
	return { group, moment, definition, response };
}

/** Whether the participant has a measure to fill in now (the home page's link; not logged). */
export async function hasOpenMeasure(
	db: Db | Tx,
	actor: Actor,
	now = new Date(),
	/** The participant's group when the caller already knows it (home does). */
	knownGroupId?: string
): Promise<boolean> {
	const groupId = knownGroupId ?? (await findMemberGroup(db, actor))?.groupId;
	if (!groupId) return false;
	const group = await measureGroup(db, groupId);
	const moment = openMoment(group.startDate, group.moments, local(now).date);
	if (!moment) return false;
	const slot: Slot = { subjectId: actor.personId, group, purpose: 'imr_participant', moment: moment.moment };
	return (await findResponse(db, slot))?.status !== 'completed';
}

/** The participant's own response for the open moment, in progress; NotFound when none is open. */
async function ownInProgress(db: Db, actor: Actor, now: Date) {
	const own = await ownMeasure(db, actor, now);
	if (!own.moment || !own.definition) throw new NotFound('measure');
	if (own.response?.status === 'completed') throw new Conflict('measure_already_done');
	const slot: Slot = {
		subjectId: actor.personId,
		group: own.group,
		purpose: 'imr_participant',
		moment: own.moment.moment
	};
	return { own, slot, definition: own.definition };
}

/** Starts (or finds) the participant's response for the open moment. */
export async function startOwn(db: Db, actor: Actor, now = new Date()): Promise<ResponseRow> {
	const { slot, definition } = await ownInProgress(db, actor, now);
	return db.transaction((tx) => openResponse(tx, slot, definition, actor.personId));
}

/**
 * Saves one item's answer (or its skipping, `code` null) and where the participant is. An option the
 * item does not have, or skipping a required item, is refused; nothing else changes.
 */
export async function saveOwnAnswer(
	db: Db,
	actor: Actor,
	index: number,
	code: string | null,
	now = new Date()
): Promise<{ answers: Answers }> {
	const { slot, definition } = await ownInProgress(db, actor, now);
	const item = definition.questionnaire.items[index];
	if (!item) throw new NotFound('measure_item');
	if (code !== null && !item.options.some((option) => option.code === code))
		throw new Invalid('antwoord', 'measure_answer_invalid');
	if (code === null && item.required && item.type === 'choice')
		throw new Invalid('antwoord', 'measure_answer_required');
	return db.transaction(async (tx) => {
		const response = await openResponse(tx, slot, definition, actor.personId);
		if (response.status === 'completed') throw new Conflict('measure_already_done');
		const answers = { ...cleanAnswers(definition.questionnaire, response.answers) };
		if (code === null || item.type !== 'choice') delete answers[item.linkId];
		else answers[item.linkId] = code;
		await tx
			.update(questionnaireResponse)
			.set({ answers, position: index, authorId: actor.personId, updatedAt: now })
			.where(eq(questionnaireResponse.id, response.id));
		return { answers };
	});
}

/** Throws away the answers so far of the participant's open response: beginning again. */
export async function restartOwn(db: Db, actor: Actor, now = new Date()): Promise<void> {
	const { slot } = await ownInProgress(db, actor, now);
	await db
		.update(questionnaireResponse)
		.set({ answers: {}, position: 0, updatedAt: now })
		.where(
			and(
				eq(questionnaireResponse.subjectId, slot.subjectId),
				eq(questionnaireResponse.purpose, slot.purpose),
				eq(questionnaireResponse.groupId, slot.group.id),
				eq(questionnaireResponse.moment, slot.moment),
				eq(questionnaireResponse.status, 'in_progress')
			)
		);
}

/** Finishes the participant's response: scored, kept, logged. Required items must be answered. */
export async function completeOwn(db: Db, actor: Actor, now = new Date()) {
	const { slot, definition } = await ownInProgress(db, actor, now);
	return db.transaction(async (tx) => {
		const response = await openResponse(tx, slot, definition, actor.personId);
		if (response.status === 'completed') throw new Conflict('measure_already_done');
		const answers = cleanAnswers(definition.questionnaire, response.answers);
		if (missingRequired(definition.questionnaire, answers).length > 0)
			throw new Invalid('antwoord', 'measure_answer_required');
		const score = await finish(tx, response, definition, answers, now);
		await record(tx, {
			eventType: 'measure.complete',
			action: 'C',
			actor,
			participantId: actor.personId,
			object: { type: 'questionnaire_response', id: response.id }
		});
		return score;
	});
}

/** The items still to answer and the first of them, for the page before finishing. */
export function progressOf(definition: Definition, answers: Answers) {
	const questionnaire = definition.questionnaire;
	const asked = askedItems(questionnaire, answers).filter((item) => item.type === 'choice');
	const open = asked.filter((item) => answers[item.linkId] === undefined);
	return {
		asked: asked.length,
		answered: asked.length - open.length,
		missingRequired: missingRequired(questionnaire, answers).map((item) => questionnaire.items.indexOf(item)),
		firstOpen: open.length > 0 ? questionnaire.items.indexOf(open[0]!) : null
	};
}

export interface ClinicianMeasure {
	group: MeasureGroup;
	moment: Moment;
	definition: Definition;
	response: ResponseRow | null;
	participantName: string;
}

/** The clinician version of a participant's open (or chosen) moment, for one of their trainers. */
export async function clinicianMeasure(
	db: Db,
	actor: Actor,
	groupId: string,
	participantId: string,
	momentValue: number | null,
	now = new Date()
): Promise<ClinicianMeasure> {
	const scope = await requireParticipantInGroup(db, actor, groupId, participantId, 'write');
	const group = await measureGroup(db, scope.group.id);
	const moment =
		momentValue === null
			? openMoment(group.startDate, group.moments, local(now).date)
			: (momentsOf(group.startDate, group.moments).find((candidate) => candidate.moment === momentValue) ??
				null);
	// A moment that has not opened yet has nothing to fill in.
	if (!moment || moment.opens > local(now).date) throw new NotFound('measure');
	const slot: Slot = { subjectId: participantId, group, purpose: 'imr_clinician', moment: moment.moment };
	const response = await findResponse(db, slot);
	const definition = response
		? await definitionById(db, group.organisationId, response.questionnaireId)
		: await groupDefinition(db, group, 'imr_clinician');
	await record(db, {
		eventType: 'measure.read',
		action: 'R',
		actor,
		participantId,
		object: { type: 'measure', id: `${group.id}:${moment.moment}:clinician` }
	});
	return { group, moment, definition, response, participantName: scope.participantName };
}

/**
 * Saves the clinician version a trainer filled in on one page: the answers given (unknown items and
 * options are refused), kept as a draft or finished. A finished version is not changed again.
 */
export async function saveClinician(
	db: Db,
	actor: Actor,
	measure: Pick<ClinicianMeasure, 'group' | 'moment' | 'definition'>,
	participantId: string,
	given: Record<string, string>,
	done: boolean,
	now = new Date()
) {
	const questionnaire = measure.definition.questionnaire;
	for (const [linkId, code] of Object.entries(given)) {
		const item = questionnaire.items.find((candidate) => candidate.linkId === linkId);
		if (!item || !item.options.some((option) => option.code === code))
			throw new Invalid(`vraag-${linkId}`, 'measure_answer_invalid');
	}
	const answers: Answers = {};
	for (const item of questionnaire.items)
		if (given[item.linkId] !== undefined && isEnabled(questionnaire, item, given))
			answers[item.linkId] = given[item.linkId]!;
	if (done) {
		const missing = missingRequired(questionnaire, answers)[0];
		if (missing) throw new Invalid(`vraag-${missing.linkId}`, 'measure_answer_required');
	}
	const slot: Slot = {
		subjectId: participantId,
		group: measure.group,
		purpose: 'imr_clinician',
		moment: measure.moment.moment
	};
	return db.transaction(async (tx) => {
		const response = await openResponse(tx, slot, measure.definition, actor.personId);
		if (response.status === 'completed') throw new Conflict('measure_already_done');
		await tx
			.update(questionnaireResponse)
			.set({ answers, authorId: actor.personId, updatedAt: now })
			.where(eq(questionnaireResponse.id, response.id));
		if (done) await finish(tx, response, measure.definition, answers, now);
		await record(tx, {
			eventType: done ? 'measure.complete' : 'measure.answer',
			action: done ? 'C' : 'U',
			actor,
			participantId,
			object: { type: 'questionnaire_response', id: response.id }
		});
		return { responseId: response.id, done };
	});
}

/** The versions a group chose (null: the default) and its moments as typed. */
export async function groupMeasurePlanChoice(db: Db | Tx, groupId: string) {
	const [row] = await db
		.select({
			moments: groupMeasurePlan.moments,
			participant: groupMeasurePlan.participantQuestionnaireId,
			clinician: groupMeasurePlan.clinicianQuestionnaireId
		})
		.from(groupMeasurePlan)
		.where(eq(groupMeasurePlan.groupId, groupId));
	return {
		moments: (row?.moments ?? [0, 6, 12]).join(', '),
		participant: row?.participant ?? '',
		clinician: row?.clinician ?? ''
	};
}
