/**
 * Home practice (thuisopdracht) as it is read: the practice steps a trainer may give, the
 * participant's current one with their answer, a session's answers for the group's trainer (every
 * participant shown is in the access log), and what is overdue, for the attention list. The writes
 * are in ./commands.ts.
 */
import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { addDays, local } from '$lib/domain/schedule';
import { record } from '../../audit/record';
import { ensureGroupCourse } from '../../curriculum/course/group-course';
import { localised, type Locale } from '../../curriculum/course/localised';
import type { Db } from '../../db/client';
import {
	curriculumModule,
	curriculumStep,
	groupMember,
	groupSession,
	homePractice,
	homePracticeAnswer,
	person
} from '../../db/schema';
import { participantGroup } from '../../groups/queries';
import { isParticipant, requireGroupTrainer } from '../../access';
import { groupParticipants } from '../group-calendar/participants';
import { isUuid } from '$lib/domain/ids';
import { givenBy } from './given-by';

/** Days after the session it was given at before an unanswered home practice needs attention. */
export const PRACTICE_GRACE_DAYS = 3;

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
