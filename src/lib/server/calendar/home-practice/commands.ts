/**
 * Home practice (thuisopdracht), written: a trainer gives one per session — one of the module's
 * practice steps or their own words — to answer before the next session, in text or by choosing.
 * The participant answers in the app and the trainer gives short feedback; both are in the access
 * log.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../../audit/record';
import { ensureGroupCourse } from '../../curriculum/course/group-course';
import type { Db } from '../../db/client';
import {
	curriculumModule,
	curriculumStep,
	groupMember,
	groupSession,
	homePractice,
	homePracticeAnswer
} from '../../db/schema';
import { forgetOverview } from '../../goals/overview-cache';
import { participantGroup } from '../../groups/queries';
import { isParticipant, logRefusalOf, requireGroupTrainer } from '../../access';
import { NotFound } from '../../errors';
import { claimFormKey, releaseFormKey } from '../../idempotency';
import { isUuid } from '$lib/domain/ids';
import { givenBy } from './given-by';

export const PRACTICE_TEXT_MAX = 1000;

export const PRACTICE_ANSWER_MAX = 2000;

export const FEEDBACK_MAX = 500;

export const MAX_CHOICES = 6;

export type PracticeSource =
	{ kind: 'step'; moduleNumber: number; stepKey: string } | { kind: 'own'; text: string };

// A type, not an interface: a form schema's output (`namedFields`) must be a plain record.
export type PracticeInput = {
	source: PracticeSource;
	answerKind: 'text' | 'choice';
	choices: string[];
};

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
