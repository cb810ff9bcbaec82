/**
 * Home practice (thuisopdracht): a trainer gives one per session — one of the module's practice
 * steps or their own words — to answer before the next session, in text or by choosing. The
 * participant answers in the app, the trainer gives short feedback, and the answers come up in the
 * session preparation. Every staff read and write of an answer is in the access log.
 */
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { addDays, local } from '$lib/domain/schedule';
import { record } from '../audit/record';
import { ensureGroupCourse, localised, type Locale } from '../curriculum/course';
import type { Db } from '../db/client';
import {
	curriculumModule,
	curriculumStep,
	groupMember,
	groupSession,
	homePractice,
	homePracticeAnswer,
	person
} from '../db/schema';
import { forgetOverview } from '../goals/overview-cache';
import { participantGroup } from '../groups/queries';
import { isParticipant, logRefusalOf, requireGroupTrainer } from '../access';
import { NotFound } from '../errors';
import { claimFormKey, releaseFormKey } from '../idempotency';
import { groupParticipants } from './calendar';
import { isUuid } from '$lib/domain/ids';

export const PRACTICE_TEXT_MAX = 1000;
export const PRACTICE_ANSWER_MAX = 2000;
export const FEEDBACK_MAX = 500;
export const MAX_CHOICES = 6;
/** Days after the session it was given at before an unanswered home practice needs attention. */
export const PRACTICE_GRACE_DAYS = 3;

export type PracticeSource =
	{ kind: 'step'; moduleNumber: number; stepKey: string } | { kind: 'own'; text: string };

// A type, not an interface: a form schema's output (`namedFields`) must be a plain record.
export type PracticeInput = {
	source: PracticeSource;
	answerKind: 'text' | 'choice';
	choices: string[];
};

/** The practice steps of the group's course version, to give as home practice (a trainer of the group). */
export async function practiceSteps(db: Db, actor: Actor, groupId: string, locale: Locale) {
	const group = await requireGroupTrainer(db, actor, groupId);
	const versionId = await ensureGroupCourse(db, group.id, group.organisationId);
	if (!versionId) return [];
	const rows = await db
		.select({
			moduleNumber: curriculumModule.number,
			key: curriculumStep.key,
			title: curriculumStep.title
		})
		.from(curriculumStep)
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.where(and(eq(curriculumModule.versionId, versionId), eq(curriculumStep.kind, 'practice')))
		.orderBy(asc(curriculumModule.number), asc(curriculumStep.position));
	return rows.map((row) => ({ ...row, title: localised(row.title, locale) }));
}

export type AssignResult = 'assigned' | 'has_answers' | 'step_unknown';

/**
 * Gives (or replaces, while nobody has answered) the home practice of a session, for a trainer of the
 * group; NotFound for another group or session.
 */
export async function assignPractice(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	input: PracticeInput,
	key?: string | null
): Promise<AssignResult> {
	const group = await requireGroupTrainer(db, actor, groupId);
	return logRefusalOf(db, actor, { type: 'session', id: sessionId }, 'C', async () => {
		if (!isUuid(sessionId)) throw new NotFound('session');
		return db.transaction(async (tx) => {
			const [session] = await tx
				.select({ id: groupSession.id })
				.from(groupSession)
				.where(and(eq(groupSession.id, sessionId), eq(groupSession.groupId, group.id)));
			if (!session) throw new NotFound('session');
			// A resend answers 'assigned' as the first did, also once someone has answered meanwhile.
			const claim = { personId: actor.personId, action: 'home_practice.assign', key };
			const first = await claimFormKey(tx, claim, 'assigned' as AssignResult);
			if (first) return first.result;
			const refused = (result: AssignResult) => releaseFormKey(tx, claim).then(() => result);
			let text: { nl: string; en: string };
			let moduleNumber: number | null = null;
			let stepKey: string | null = null;
			if (input.source.kind === 'step') {
				const versionId = await ensureGroupCourse(tx, group.id, group.organisationId);
				const [step] = versionId
					? await tx
							.select({ title: curriculumStep.title, question: curriculumStep.question })
							.from(curriculumStep)
							.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
							.where(
								and(
									eq(curriculumModule.versionId, versionId),
									eq(curriculumModule.number, input.source.moduleNumber),
									eq(curriculumStep.key, input.source.stepKey),
									eq(curriculumStep.kind, 'practice')
								)
							)
					: [];
				if (!step) return refused('step_unknown');
				const ask = step.question ?? step.title;
				text = { nl: `${step.title.nl}: ${ask.nl}`, en: `${step.title.en}: ${ask.en}` };
				moduleNumber = input.source.moduleNumber;
				stepKey = input.source.stepKey;
			} else {
				text = { nl: input.source.text, en: input.source.text };
			}
			const [existing] = await tx
				.select({ id: homePractice.id })
				.from(homePractice)
				.where(eq(homePractice.sessionId, session.id))
				.for('update');
			if (existing) {
				const [answered] = await tx
					.select({ personId: homePracticeAnswer.personId })
					.from(homePracticeAnswer)
					.where(eq(homePracticeAnswer.practiceId, existing.id))
					.limit(1);
				if (answered) return refused('has_answers');
			}
			const values = {
				text,
				moduleNumber,
				stepKey,
				answerKind: input.answerKind,
				choices: input.answerKind === 'choice' ? input.choices : [],
				createdByPersonId: actor.personId
			};
			await tx
				.insert(homePractice)
				.values({ groupId: group.id, sessionId: session.id, ...values })
				.onConflictDoUpdate({ target: homePractice.sessionId, set: values });
			return 'assigned';
		});
	});
}

export interface ParticipantPractice {
	id: string;
	text: string;
	answerKind: 'text' | 'choice';
	choices: string[];
	/** The date of the session it was given at. */
	givenAt: string;
	answer: string | null;
	feedback: string | null;
	feedbackBy: string | null;
}

/** The newest home practice of the participant's group (given at a session that has started), with their answer. */
export async function currentPractice(
	db: Db,
	actor: Actor,
	locale: Locale,
	now: Date = new Date()
): Promise<ParticipantPractice | null> {
	// Only a participant has a group of their own to practise with.
	if (!isParticipant(actor)) return null;
	const found = await participantGroup(db, actor);
	if (!found) return null;
	const [row] = await db
		.select({
			id: homePractice.id,
			text: homePractice.text,
			answerKind: homePractice.answerKind,
			choices: homePractice.choices,
			givenAt: groupSession.date
		})
		.from(homePractice)
		.innerJoin(groupSession, eq(groupSession.id, homePractice.sessionId))
		.innerJoin(
			groupMember,
			and(
				eq(groupMember.groupId, homePractice.groupId),
				eq(groupMember.personId, actor.personId),
				isNull(groupMember.leftAt)
			)
		)
		.where(
			and(
				eq(homePractice.groupId, found.group.id),
				givenBy(now),
				// Not one given before the participant joined the group.
				sql`${groupSession.date} >= (${groupMember.joinedAt} at time zone 'Europe/Amsterdam')::date`
			)
		)
		.orderBy(desc(groupSession.date))
		.limit(1);
	if (!row) return null;
	const [answer] = await db
		.select({
			answer: homePracticeAnswer.answer,
			feedback: homePracticeAnswer.feedback,
			feedbackBy: person.displayName
		})
		.from(homePracticeAnswer)
		.leftJoin(person, eq(person.id, homePracticeAnswer.feedbackByPersonId))
		.where(and(eq(homePracticeAnswer.practiceId, row.id), eq(homePracticeAnswer.personId, actor.personId)));
	return {
		...row,
		text: localised(row.text, locale),
		answer: answer?.answer ?? null,
		feedback: answer?.feedback ?? null,
		feedbackBy: answer?.feedback ? (answer.feedbackBy ?? null) : null
	};
}

/** Practice given at a session that took place and has started by `now` (Amsterdam time). */
function givenBy(now: Date) {
	const { date, time } = local(now);
	return and(
		eq(groupSession.status, 'planned'),
		or(lt(groupSession.date, date), and(eq(groupSession.date, date), lte(groupSession.startTime, time)))
	);
}

export type AnswerResult = 'saved' | 'not_a_choice';

/**
 * Saves the participant's answer to their group's home practice (again, to change it); NotFound for a
 * practice that is not (yet) their group's.
 */
export async function answerPractice(
	db: Db,
	actor: Actor,
	practiceId: string,
	answer: string,
	key?: string | null
): Promise<AnswerResult> {
	const found = isParticipant(actor) && isUuid(practiceId) ? await participantGroup(db, actor) : null;
	if (!found) throw new NotFound('home_practice');
	const result = await db.transaction(async (tx) => {
		const [practice] = await tx
			.select({ id: homePractice.id, answerKind: homePractice.answerKind, choices: homePractice.choices })
			.from(homePractice)
			.innerJoin(groupSession, eq(groupSession.id, homePractice.sessionId))
			.where(
				and(eq(homePractice.id, practiceId), eq(homePractice.groupId, found.group.id), givenBy(new Date()))
			);
		if (!practice) throw new NotFound('home_practice');
		if (practice.answerKind === 'choice' && !practice.choices.includes(answer)) return 'not_a_choice';
		// A resend of the same form answers 'saved' and writes (and logs) nothing again.
		const first = await claimFormKey(
			tx,
			{ personId: actor.personId, action: 'home_practice.answer', key },
			'saved'
		);
		if (first) return first.result as AnswerResult;
		await tx
			.insert(homePracticeAnswer)
			.values({ practiceId: practice.id, personId: actor.personId, answer })
			.onConflictDoUpdate({
				target: [homePracticeAnswer.practiceId, homePracticeAnswer.personId],
				set: { answer, answeredAt: new Date() }
			});
		await record(tx, {
			eventType: 'home_practice.answer',
			action: 'U',
			actor,
			participantId: actor.personId,
			object: { type: 'home_practice', id: practice.id }
		});
		return 'saved' as const;
	});
	// After the commit: the home page this instance shows next has the answer (others hear the trigger).
	if (result === 'saved') forgetOverview(actor.personId);
	return result;
}

export interface PracticeForTrainer {
	id: string;
	sessionId: string;
	givenAt: string;
	text: string;
	answerKind: 'text' | 'choice';
	choices: string[];
	answers: {
		personId: string;
		displayName: string;
		answer: string | null;
		feedback: string | null;
	}[];
}

/**
 * The home practice given at a session, with every current participant's answer, for the group's
 * trainer; each participant shown is logged. Null when the session has none (or is not the group's);
 * NotFound when the actor does not train the group.
 */
export async function practiceForTrainer(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	locale: Locale
): Promise<PracticeForTrainer | null> {
	const group = await requireGroupTrainer(db, actor, groupId);
	if (!isUuid(sessionId)) return null;
	const [practice] = await db
		.select({
			id: homePractice.id,
			sessionId: homePractice.sessionId,
			givenAt: groupSession.date,
			text: homePractice.text,
			answerKind: homePractice.answerKind,
			choices: homePractice.choices
		})
		.from(homePractice)
		.innerJoin(groupSession, eq(groupSession.id, homePractice.sessionId))
		.where(and(eq(homePractice.sessionId, sessionId), eq(homePractice.groupId, group.id)));
	if (!practice) return null;
	const participants = await groupParticipants(db, group.id);
	const answers =
		participants.length === 0
			? []
			: await db
					.select({
						personId: homePracticeAnswer.personId,
						answer: homePracticeAnswer.answer,
						feedback: homePracticeAnswer.feedback
					})
					.from(homePracticeAnswer)
					.where(
						and(
							eq(homePracticeAnswer.practiceId, practice.id),
							sql`${homePracticeAnswer.personId} = any(${sql.param(participants.map((participant) => participant.id))}::uuid[])`
						)
					);
	const byPerson = new Map(answers.map((row) => [row.personId, row]));
	await record(
		db,
		...participants.map((participant) => ({
			eventType: 'home_practice.read' as const,
			action: 'R' as const,
			actor,
			participantId: participant.id,
			object: { type: 'home_practice', id: practice.id }
		}))
	);
	return {
		...practice,
		text: localised(practice.text, locale),
		answers: participants.map((participant) => ({
			personId: participant.id,
			displayName: participant.displayName,
			answer: byPerson.get(participant.id)?.answer ?? null,
			feedback: byPerson.get(participant.id)?.feedback ?? null
		}))
	};
}

/** The trainer's short feedback on one answer; NotFound when there is no such answer in their group. */
export async function giveFeedback(
	db: Db,
	actor: Actor,
	groupId: string,
	practiceId: string,
	participantId: string,
	feedback: string,
	key?: string | null
): Promise<void> {
	const group = await requireGroupTrainer(db, actor, groupId);
	await logRefusalOf(db, actor, { type: 'home_practice', id: practiceId }, 'U', async () => {
		if (!isUuid(practiceId) || !isUuid(participantId)) throw new NotFound('answer');
		await db.transaction(async (tx) => {
			const claim = { personId: actor.personId, action: 'home_practice.feedback', key };
			const first = await claimFormKey(tx, claim, true);
			if (first) return;
			const [updated] = await tx
				.update(homePracticeAnswer)
				.set({ feedback, feedbackByPersonId: actor.personId, feedbackAt: new Date() })
				.where(
					and(
						eq(homePracticeAnswer.practiceId, practiceId),
						eq(homePracticeAnswer.personId, participantId),
						inArray(
							homePracticeAnswer.personId,
							tx
								.select({ id: groupMember.personId })
								.from(groupMember)
								.where(and(eq(groupMember.groupId, group.id), isNull(groupMember.leftAt)))
						),
						inArray(
							homePracticeAnswer.practiceId,
							tx.select({ id: homePractice.id }).from(homePractice).where(eq(homePractice.groupId, group.id))
						)
					)
				)
				.returning({ personId: homePracticeAnswer.personId });
			// The transaction rolls back with the claim: a corrected resend may try again.
			if (!updated) throw new NotFound('answer');
			await record(tx, {
				eventType: 'home_practice.feedback',
				action: 'U',
				actor,
				participantId,
				object: { type: 'home_practice', id: practiceId }
			});
		});
	});
}

/**
 * Per group, the newest home practice given so far, once PRACTICE_GRACE_DAYS have passed since it
 * was given, for the attention list: participants without an answer need a nudge before the next
 * session. (An older one stops counting once a newer one is given.)
 */
export async function practicesDue(db: Db, groupIds: string[], now: Date) {
	if (groupIds.length === 0) return new Map<string, { id: string; givenAt: string; answered: Set<string> }>();
	const today = local(now).date;
	const before = addDays(today, -PRACTICE_GRACE_DAYS);
	const newest = await db
		.selectDistinctOn([homePractice.groupId], {
			id: homePractice.id,
			groupId: homePractice.groupId,
			givenAt: groupSession.date
		})
		.from(homePractice)
		.innerJoin(groupSession, eq(groupSession.id, homePractice.sessionId))
		.where(and(inArray(homePractice.groupId, groupIds), lte(groupSession.date, today)))
		.orderBy(homePractice.groupId, desc(groupSession.date));
	const rows = newest.filter((row) => row.givenAt <= before);
	const answers =
		rows.length === 0
			? []
			: await db
					.select({ practiceId: homePracticeAnswer.practiceId, personId: homePracticeAnswer.personId })
					.from(homePracticeAnswer)
					.where(
						inArray(
							homePracticeAnswer.practiceId,
							rows.map((row) => row.id)
						)
					);
	return new Map(
		rows.map((row) => [
			row.groupId,
			{
				id: row.id,
				givenAt: row.givenAt,
				answered: new Set(answers.filter((a) => a.practiceId === row.id).map((a) => a.personId))
			}
		])
	);
}
