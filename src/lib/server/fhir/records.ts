/**
 * Reads what the FHIR export says about a set of participants (one, or a page of the bulk export)
 * in a few queries, each by `person_id = any(…)` on its index, and maps it with ./mappers.ts. What
 * groups share (their modules and home practice) and the questionnaire definitions are read once
 * per export through a RecordCache, so a page costs the same whatever page it is.
 */
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { CarePlan, Encounter, Goal, Patient, QuestionnaireResponse } from 'fhir/r4';
import type { Locale } from '$lib/paraglide/runtime.js';
import type { Db, Tx } from '../db/client';
import {
	checkIn,
	courseGroup,
	curriculumModule,
	goalEvent,
	goalStep,
	groupCourse,
	groupMember,
	groupModule,
	groupSession,
	homePractice,
	homePracticeAnswer,
	person,
	questionnaire,
	questionnaireResponse,
	recoveryGoal,
	sessionAttendance
} from '../db/schema';
import { keyedId, patientPseudonym } from './ids';
import {
	carePlanResource,
	encounterResource,
	goalResource,
	lastOf,
	patientResource,
	questionnaireResponseResource,
	type CarePlanRow,
	type GoalRow
} from './mappers';

/** The participant resources, in the order the bulk export writes its files. */
export const PARTICIPANT_TYPES = [
	'Patient',
	'Goal',
	'QuestionnaireResponse',
	'CarePlan',
	'Encounter'
] as const;
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number];

export interface ParticipantResources {
	Patient: Patient[];
	Goal: Goal[];
	QuestionnaireResponse: QuestionnaireResponse[];
	CarePlan: CarePlan[];
	Encounter: Encounter[];
}

interface GroupParts {
	modules: CarePlanRow['modules'];
	practices: { id: string; givenOn: string; text: { nl: string; en: string }; updatedAt: Date }[];
}

/** What one export reads once: the groups' modules and home practice, the questionnaires. */
export interface RecordCache {
	groups: Map<string, GroupParts>;
	questionnaires: Map<string, { url: string; version: string; definition: unknown }>;
}

/**
 * Runs the reads side by side on a pool (the bulk export), one after the other on one connection (a
 * transaction: a client runs one query at a time).
 */
async function inTurn<T extends readonly (() => Promise<unknown>)[]>(
	parallel: boolean,
	tasks: T
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
	if (parallel) return Promise.all(tasks.map((task) => task())) as never;
	const results: unknown[] = [];
	for (const task of tasks) results.push(await task());
	return results as never;
}

export const newRecordCache = (): RecordCache => ({ groups: new Map(), questionnaires: new Map() });

export interface RecordOptions {
	secret: string;
	locale: Locale;
	/** Only resources changed at or after this moment (`_since`). */
	since: Date | null;
	/** Today's date (YYYY-MM-DD), for whether a group has ended. */
	today: string;
	cache: RecordCache;
	/** Read side by side: only when `db` is a pool, not a transaction. */
	parallel?: boolean;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const row of rows) {
		const list = map.get(key(row));
		if (list) list.push(row);
		else map.set(key(row), [row]);
	}
	return map;
}

async function loadGroups(db: Db | Tx, groupIds: string[], cache: RecordCache): Promise<void> {
	const missing = [...new Set(groupIds)].filter((id) => !cache.groups.has(id));
	if (missing.length === 0) return;
	const modules = await db
		.select({
			groupId: groupModule.groupId,
			number: groupModule.moduleNumber,
			state: groupModule.state,
			title: curriculumModule.title
		})
		.from(groupModule)
		.innerJoin(groupCourse, eq(groupCourse.groupId, groupModule.groupId))
		.innerJoin(
			curriculumModule,
			and(
				eq(curriculumModule.versionId, groupCourse.versionId),
				eq(curriculumModule.number, groupModule.moduleNumber)
			)
		)
		.where(inArray(groupModule.groupId, missing))
		.orderBy(asc(groupModule.position));
	const practices = await db
		.select({
			id: homePractice.id,
			groupId: homePractice.groupId,
			givenOn: groupSession.date,
			text: homePractice.text,
			updatedAt: homePractice.updatedAt
		})
		.from(homePractice)
		.innerJoin(groupSession, eq(groupSession.id, homePractice.sessionId))
		.where(inArray(homePractice.groupId, missing))
		.orderBy(asc(groupSession.date));
	const modulesOf = groupBy(modules, (row) => row.groupId);
	const practicesOf = groupBy(practices, (row) => row.groupId);
	for (const id of missing)
		cache.groups.set(id, { modules: modulesOf.get(id) ?? [], practices: practicesOf.get(id) ?? [] });
}

async function loadQuestionnaires(db: Db | Tx, ids: string[], cache: RecordCache): Promise<void> {
	const missing = [...new Set(ids)].filter((id) => !cache.questionnaires.has(id));
	if (missing.length === 0) return;
	const rows = await db
		.select({
			id: questionnaire.id,
			url: questionnaire.url,
			version: questionnaire.version,
			definition: questionnaire.definition
		})
		.from(questionnaire)
		.where(inArray(questionnaire.id, missing));
	for (const row of rows) cache.questionnaires.set(row.id, row);
}

/**
 * The FHIR resources about `personIds` (participants of `organisationId`), per type; with `since`,
 * only those changed since then.
 */
export async function participantResources(
	db: Db | Tx,
	organisationId: string,
	personIds: string[],
	options: RecordOptions
): Promise<ParticipantResources> {
	const out: ParticipantResources = {
		Patient: [],
		Goal: [],
		QuestionnaireResponse: [],
		CarePlan: [],
		Encounter: []
	};
	if (personIds.length === 0) return out;
	const ids = personIds;
	const [people, goals, steps, events, checkIns, memberships, attended, responses, answered] = await inTurn(
		options.parallel ?? false,
		[
			() =>
				db
					.select({
						id: person.id,
						deactivatedAt: person.deactivatedAt,
						preferredLocale: person.preferredLocale,
						updatedAt: person.updatedAt
					})
					.from(person)
					.where(
						and(
							inArray(person.id, ids),
							eq(person.organisationId, organisationId),
							eq(person.role, 'participant')
						)
					)
					.orderBy(asc(person.id)),
			() =>
				db
					.select()
					.from(recoveryGoal)
					.where(inArray(recoveryGoal.personId, ids))
					.orderBy(asc(recoveryGoal.createdAt)),
			() =>
				db.select().from(goalStep).where(inArray(goalStep.personId, ids)).orderBy(asc(goalStep.createdAt)),
			() =>
				db
					.select({
						goalId: goalEvent.goalId,
						kind: goalEvent.kind,
						before: goalEvent.before,
						after: goalEvent.after,
						reason: goalEvent.reason,
						at: goalEvent.at
					})
					.from(goalEvent)
					.innerJoin(recoveryGoal, eq(recoveryGoal.id, goalEvent.goalId))
					.where(inArray(recoveryGoal.personId, ids))
					.orderBy(asc(goalEvent.id)),
			() =>
				db
					.select({
						goalId: checkIn.goalId,
						weekStart: checkIn.weekStart,
						worked: checkIn.worked,
						closeness: checkIn.closeness,
						createdAt: checkIn.createdAt
					})
					.from(checkIn)
					.where(and(inArray(checkIn.personId, ids), isNotNull(checkIn.goalId)))
					.orderBy(asc(checkIn.weekStart)),
			() =>
				db
					.select({
						personId: groupMember.personId,
						groupId: groupMember.groupId,
						joinedAt: groupMember.joinedAt,
						leftAt: groupMember.leftAt,
						startDate: courseGroup.startDate,
						endDate: courseGroup.endDate,
						groupUpdatedAt: courseGroup.updatedAt
					})
					.from(groupMember)
					.innerJoin(courseGroup, eq(courseGroup.id, groupMember.groupId))
					.where(and(inArray(groupMember.personId, ids), eq(courseGroup.organisationId, organisationId))),
			() =>
				db
					.select({
						personId: sessionAttendance.personId,
						sessionId: sessionAttendance.sessionId,
						groupId: groupSession.groupId,
						moduleNumber: groupSession.moduleNumber,
						recordedAt: sessionAttendance.recordedAt,
						start:
							sql<Date>`((${groupSession.date} + ${groupSession.startTime}) at time zone 'Europe/Amsterdam')`.mapWith(
								(value: string | Date) => new Date(value)
							)
					})
					.from(sessionAttendance)
					.innerJoin(groupSession, eq(groupSession.id, sessionAttendance.sessionId))
					.where(and(inArray(sessionAttendance.personId, ids), eq(sessionAttendance.status, 'present')))
					.orderBy(asc(groupSession.date)),
			() =>
				db
					.select({
						id: questionnaireResponse.id,
						subjectId: questionnaireResponse.subjectId,
						authorId: questionnaireResponse.authorId,
						questionnaireId: questionnaireResponse.questionnaireId,
						status: questionnaireResponse.status,
						answers: questionnaireResponse.answers,
						completedAt: questionnaireResponse.completedAt,
						updatedAt: questionnaireResponse.updatedAt,
						mean: questionnaireResponse.mean,
						factors: questionnaireResponse.factors
					})
					.from(questionnaireResponse)
					.where(
						and(
							inArray(questionnaireResponse.subjectId, ids),
							eq(questionnaireResponse.organisationId, organisationId)
						)
					)
					.orderBy(asc(questionnaireResponse.groupId), asc(questionnaireResponse.moment)),
			() =>
				db
					.select({
						practiceId: homePracticeAnswer.practiceId,
						personId: homePracticeAnswer.personId,
						at: homePracticeAnswer.answeredAt
					})
					.from(homePracticeAnswer)
					.where(inArray(homePracticeAnswer.personId, ids))
		] as const
	);
	await loadGroups(
		db,
		memberships.map((row) => row.groupId),
		options.cache
	);
	await loadQuestionnaires(
		db,
		responses.map((row) => row.questionnaireId),
		options.cache
	);

	const since = options.since;
	const fresh = (at: Date) => since === null || at >= since;
	const stepsOf = groupBy(steps, (row) => row.goalId);
	const eventsOf = groupBy(events, (row) => row.goalId);
	const checkInsOf = groupBy(checkIns, (row) => row.goalId!);
	const goalsOf = groupBy(goals, (row) => row.personId);
	const membershipsOf = groupBy(memberships, (row) => row.personId);
	const attendedOf = groupBy(attended, (row) => row.personId);
	const responsesOf = groupBy(responses, (row) => row.subjectId);
	const answeredAt = new Map(answered.map((row) => [`${row.practiceId}|${row.personId}`, row.at]));

	for (const one of people) {
		const context = { patientId: patientPseudonym(options.secret, one.id), locale: options.locale };
		if (fresh(one.updatedAt))
			out.Patient.push(
				patientResource(
					{
						active: one.deactivatedAt === null,
						preferredLocale: one.preferredLocale,
						updatedAt: one.updatedAt
					},
					context
				)
			);
		for (const goal of goalsOf.get(one.id) ?? []) {
			const row: GoalRow = {
				...goal,
				byParticipant: goal.createdByPersonId === null || goal.createdByPersonId === one.id,
				steps: stepsOf.get(goal.id) ?? [],
				events: eventsOf.get(goal.id) ?? [],
				checkIns: checkInsOf.get(goal.id) ?? []
			};
			const resource = goalResource(row, context);
			if (fresh(new Date(resource.meta!.lastUpdated!))) out.Goal.push(resource);
		}
		for (const response of responsesOf.get(one.id) ?? []) {
			const definition = options.cache.questionnaires.get(response.questionnaireId);
			if (!definition || !fresh(response.updatedAt)) continue;
			out.QuestionnaireResponse.push(
				questionnaireResponseResource(
					{
						...response,
						questionnaire: definition,
						authored: response.completedAt ?? response.updatedAt,
						byParticipant: response.authorId === one.id
					},
					context
				)
			);
		}
		const encountersByGroup = groupBy(attendedOf.get(one.id) ?? [], (row) => row.groupId);
		for (const membership of membershipsOf.get(one.id) ?? []) {
			const parts = options.cache.groups.get(membership.groupId)!;
			const encounters = (encountersByGroup.get(membership.groupId) ?? []).map((row) => ({
				...row,
				id: keyedId(options.secret, 'encounter', row.sessionId, one.id)
			}));
			const practices = parts.practices.map((practice) => ({
				...practice,
				answeredAt: answeredAt.get(`${practice.id}|${one.id}`) ?? null
			}));
			const updatedAt = lastOf([
				membership.joinedAt,
				membership.leftAt ?? membership.joinedAt,
				membership.groupUpdatedAt,
				...practices.map((practice) => practice.answeredAt ?? practice.updatedAt),
				...encounters.map((row) => row.recordedAt)
			]);
			if (fresh(updatedAt))
				out.CarePlan.push(
					carePlanResource(
						{
							id: keyedId(options.secret, 'care-plan', membership.groupId, one.id),
							joinedAt: membership.joinedAt,
							leftAt: membership.leftAt,
							groupStart: membership.startDate,
							groupEnd: membership.endDate,
							updatedAt,
							modules: parts.modules,
							practices: practices.map((practice) => ({
								...practice,
								answered: practice.answeredAt !== null
							})),
							encounterIds: encounters.map((row) => row.id)
						},
						context,
						options.today
					)
				);
			for (const encounter of encounters)
				if (fresh(encounter.recordedAt)) out.Encounter.push(encounterResource(encounter, context));
		}
	}
	return out;
}
