/**
 * The weekly check-in: one answer per screen, saved as a draft as it goes (kept if the session
 * ends), sent with an idempotency key so a double click, a retry or a replay never makes two.
 * A check-in counts for the week it was started in, also when it is finished late.
 */
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import {
	completeAnswers,
	nextQuestion,
	type CheckInAnswers,
	parseCheckInAnswer,
	type ChartPoint,
	type CheckInQuestion
} from '$lib/domain/goals';
import type { Actor } from '$lib/domain/policy';
import { local } from '$lib/domain/schedule';
import {
	acceptsCheckIn,
	checkInWeek,
	checkInWeekAt,
	earliestStoredDate,
	weekOfDate,
	type CheckInWeek
} from '$lib/domain/week';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { checkIn, checkInDraft, goalStep, recoveryGoal } from '../db/schema';
import { forgetOverviewAfter } from './overview-cache';
import { participantGroup, type GroupSummary } from '../groups/queries';
import { addStepInTransaction } from './commands';

export interface CheckInContext {
	group: GroupSummary;
	/** The date of the session that opens the week, as the calendar stands now. */
	weekStart: string;
	weekIndex: number;
	/** The week start the draft is kept under (older than `weekStart` when its session moved since). */
	draftWeekStart: string;
	goal: { id: string; text: string } | null;
	step: { id: string; text: string } | null;
	answers: Record<string, string>;
	idempotencyKey: string | null;
	/** Already checked in for this week. */
	done: boolean;
	next: CheckInQuestion | null;
}

/** "My goal now" and its current step (the newest open one). */
export async function currentGoalAndStep(db: Db | Tx, personId: string) {
	const [row] = await db
		.select({
			goalId: recoveryGoal.id,
			goalText: recoveryGoal.text,
			stepId: goalStep.id,
			stepText: goalStep.text
		})
		.from(recoveryGoal)
		.leftJoin(goalStep, and(eq(goalStep.goalId, recoveryGoal.id), eq(goalStep.status, 'open')))
		.where(and(eq(recoveryGoal.personId, personId), eq(recoveryGoal.isCurrent, true)))
		.orderBy(desc(goalStep.createdAt))
		.limit(1);
	return {
		goal: row ? { id: row.goalId, text: row.goalText } : null,
		step: row?.stepId ? { id: row.stepId, text: row.stepText! } : null
	};
}

/**
 * What a check-in needs of the participant in their group, in one round trip: their drafts (oldest
 * first), the dates their check-ins are stored under (one per week of the course at most), and "my
 * goal now" with its current step (as currentGoalAndStep).
 */
async function checkInState(db: Db, personId: string, groupId: string) {
	const { rows } = await db.execute<{
		drafts: { weekStart: string; answers: Record<string, string>; idempotencyKey: string }[];
		checked_in: string[];
		current: { goalId: string; goalText: string; stepId: string | null; stepText: string | null } | null;
	}>(sql`
		select
			coalesce((
				select json_agg(json_build_object(
					'weekStart', d.week_start, 'answers', d.answers, 'idempotencyKey', d.idempotency_key
				) order by d.week_start)
				from check_in_draft d where d.person_id = ${personId} and d.group_id = ${groupId}
			), '[]'::json) as drafts,
			coalesce((
				select json_agg(c.week_start) from check_in c where c.person_id = ${personId} and c.group_id = ${groupId}
			), '[]'::json) as checked_in,
			(
				select json_build_object('goalId', g.id, 'goalText', g.text, 'stepId', s.id, 'stepText', s.text)
				from recovery_goal g
				left join goal_step s on s.goal_id = g.id and s.status = 'open'
				where g.person_id = ${personId} and g.is_current
				order by s.created_at desc
				limit 1
			) as current`);
	const [row] = rows;
	const current = row?.current ?? null;
	return {
		drafts: row?.drafts ?? [],
		checkedIn: row?.checked_in ?? [],
		goal: current ? { id: current.goalId, text: current.goalText } : null,
		step: current?.stepId ? { id: current.stepId, text: current.stepText! } : null
	};
}

/**
 * The check-in the participant is doing: a started one that still counts (late is fine), or this
 * week's. Null outside the course's weeks or without a group.
 */
export async function checkInContext(
	db: Db,
	actor: Actor,
	now: Date = new Date()
): Promise<CheckInContext | null> {
	const found = await participantGroup(db, actor);
	if (!found) return null;
	const group = found.group;
	const { drafts, checkedIn, goal, step } = await checkInState(db, actor.personId, group.id);
	// Drafts still taken (late is fine), in their weeks as the calendar stands now; oldest first.
	const open = drafts.flatMap((row) => {
		const week = weekOfDate(group, row.weekStart);
		return week && acceptsCheckIn(group, week.index, now) ? [{ row, week }] : [];
	});
	const current = checkInWeekAt(group, now);
	// A check-in stored under any date of a week counts for it (also one kept before its session moved).
	const doneWeeks = new Set(checkedIn.map((date) => weekOfDate(group, date)?.index));
	const done = (week: CheckInWeek) => doneWeeks.has(week.index);
	// A draft whose session moved into a week already checked in for no longer holds up this week's.
	const chosen = open.find(({ week }) => !done(week));
	const draft = chosen?.row;
	const week = chosen?.week ?? current;
	if (!week) return null;
	const existing = done(week);
	const answers = draft?.answers ?? {};
	return {
		group,
		weekStart: week.startDate,
		weekIndex: week.index,
		draftWeekStart: draft?.weekStart ?? week.startDate,
		goal,
		step,
		answers,
		idempotencyKey: draft?.idempotencyKey ?? null,
		done: existing,
		next: existing ? null : nextQuestion(answers, Boolean(step))
	};
}

export type SubmitResult = 'saved' | 'already' | 'incomplete' | 'no_week' | 'too_late';

export type AnswerResult =
	| { ok: true; next: CheckInQuestion | null; sent?: SubmitResult }
	| { ok: false; error: 'required' | 'choice' | 'too_long' | 'no_week' | 'done' | 'not_now' };

/**
 * Saves one screen's answer in the draft (creating the draft and its idempotency key on the first).
 * The last answer makes the check-in from the draft's answers and removes the draft, in one
 * transaction and without writing the draft first: an interruption leaves either the draft as it
 * was before, or the check-in made. This is the whole of a check-in's last answer: the route calls
 * it once. The overview cache hears of the check-in from the database (check_in → NOTIFY).
 */
export async function saveAnswer(
	db: Db,
	actor: Actor,
	question: CheckInQuestion,
	raw: string | null,
	now: Date = new Date()
): Promise<AnswerResult> {
	const context = await checkInContext(db, actor, now);
	if (!context) return { ok: false, error: 'no_week' };
	if (context.done) return { ok: false, error: 'done' };
	// Forward-only: an answer for a later screen before the earlier ones is refused.
	if (context.next !== question && context.answers[question] === undefined)
		return { ok: false, error: 'not_now' };
	const parsed = parseCheckInAnswer(question, raw);
	if (!parsed.ok) return parsed;
	const answers: Record<string, string> = { ...context.answers, [question]: parsed.value };
	if (question === 'step' && parsed.value === 'keep') delete answers.newStep;
	const next = nextQuestion(answers, Boolean(context.step));
	const complete = next === null ? completeAnswers(answers, Boolean(context.step)) : null;
	// The draft holds the earlier answers (and the key) when the last one comes: nothing to write there.
	if (complete && context.idempotencyKey) {
		const week = checkInWeek(context.group, context.weekIndex);
		if (!week) throw new Error('the check-in week vanished between two reads');
		const idempotencyKey = context.idempotencyKey;
		const sent = await forgetOverviewAfter(
			actor.personId,
			db.transaction((tx) => insertCheckIn(tx, actor, context, { week, idempotencyKey, answers: complete }))
		);
		return { ok: true, next, sent };
	}
	return db.transaction(async (tx) => {
		const [draft] = await tx
			.insert(checkInDraft)
			.values({
				personId: actor.personId,
				groupId: context.group.id,
				weekStart: context.draftWeekStart,
				answers
			})
			.onConflictDoUpdate({
				target: [checkInDraft.personId, checkInDraft.groupId, checkInDraft.weekStart],
				set: { answers, updatedAt: new Date() }
			})
			.returning({ idempotencyKey: checkInDraft.idempotencyKey });
		if (!complete) return { ok: true, next };
		const week = checkInWeek(context.group, context.weekIndex);
		if (!week) throw new Error('the check-in week vanished between two reads');
		const sent = await insertCheckIn(tx, actor, context, {
			week,
			idempotencyKey: draft!.idempotencyKey,
			answers: complete
		});
		return { ok: true, next, sent };
	});
}

/**
 * Sends the check-in the draft holds (the "send your check-in" screen, for a draft that is complete
 * but was not sent). The same key again — a double click, a retry, a replay, or two at once — finds
 * the check-in already made and changes nothing.
 */
export async function submitCheckIn(
	db: Db,
	actor: Actor,
	idempotencyKey: string,
	now: Date = new Date()
): Promise<SubmitResult> {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(idempotencyKey))
		return 'incomplete';
	// The draft first: a submission at the same moment makes the check-in and removes the draft in one
	// transaction, so a draft that is gone now means its check-in can be seen by the next read.
	const [draft] = await db
		.select()
		.from(checkInDraft)
		.where(and(eq(checkInDraft.personId, actor.personId), eq(checkInDraft.idempotencyKey, idempotencyKey)));
	if (!draft) {
		const [made] = await db
			.select({ id: checkIn.id })
			.from(checkIn)
			.where(and(eq(checkIn.idempotencyKey, idempotencyKey), eq(checkIn.personId, actor.personId)));
		return made ? 'already' : 'incomplete';
	}
	const found = await participantGroup(db, actor);
	if (!found) return 'no_week';
	const group = found.group;
	// The week the draft was started in, as the calendar stands now (its session may have moved since).
	const week = weekOfDate(group, draft.weekStart);
	if (!week || !acceptsCheckIn(group, week.index, now)) return 'too_late';
	// A check-in stored for any date of this week (one kept before its session moved) already counts.
	if ((await checkedInWeeks(db, actor, group, week))(week)) return 'already';
	const { goal, step } = await currentGoalAndStep(db, actor.personId);
	const answers = completeAnswers(draft.answers, Boolean(step));
	if (!answers) return 'incomplete';
	return forgetOverviewAfter(
		actor.personId,
		db.transaction((tx) => insertCheckIn(tx, actor, { group, goal, step }, { week, idempotencyKey, answers }))
	);
}

/**
 * Whether a week has a check-in of the participant, for weeks from `from` on: a check-in stored under any
 * date of the week counts, also one kept under the date its session had before it moved (one query).
 */
async function checkedInWeeks(
	db: Db,
	actor: Actor,
	group: GroupSummary,
	from: CheckInWeek
): Promise<(week: CheckInWeek) => boolean> {
	const made = await db
		.select({ weekStart: checkIn.weekStart })
		.from(checkIn)
		.where(
			and(
				eq(checkIn.personId, actor.personId),
				eq(checkIn.groupId, group.id),
				gte(checkIn.weekStart, earliestStoredDate(group, from))
			)
		);
	const indexes = new Set(made.map((row) => weekOfDate(group, row.weekStart)?.index));
	return (week) => indexes.has(week.index);
}

/** Makes the check-in from complete answers and removes its draft, inside the caller's transaction. */
async function insertCheckIn(
	tx: Tx,
	actor: Actor,
	context: Pick<CheckInContext, 'group' | 'goal' | 'step'>,
	draft: { week: CheckInWeek; idempotencyKey: string; answers: CheckInAnswers }
): Promise<'saved' | 'already'> {
	const { goal, step } = context;
	const { answers, idempotencyKey } = draft;
	const [inserted] = await tx
		.insert(checkIn)
		.values({
			personId: actor.personId,
			groupId: context.group.id,
			weekStart: draft.week.startDate,
			idempotencyKey,
			worked: answers.worked,
			closeness: answers.closeness,
			bringUp: answers.bringUp,
			goalId: goal?.id ?? null,
			stepId: step?.id ?? null
		})
		.onConflictDoNothing()
		.returning({ id: checkIn.id });
	await tx
		.delete(checkInDraft)
		.where(and(eq(checkInDraft.personId, actor.personId), eq(checkInDraft.idempotencyKey, idempotencyKey)));
	if (!inserted) return 'already';
	if (answers.step === 'change' && answers.newStep && goal) {
		// The participant's own current goal (read with the context): no other access to ask.
		const newStepId = await addStepInTransaction(
			tx,
			actor,
			goal.id,
			{ byStaff: false },
			// The new step aims for the session that ends this week.
			{ text: answers.newStep, targetWeek: local(draft.week.endsAt).date, replaces: true }
		);
		await tx.update(checkIn).set({ newStepId }).where(eq(checkIn.id, inserted.id));
	}
	await record(tx, {
		eventType: 'check_in.create',
		action: 'C',
		actor,
		participantId: actor.personId,
		object: { type: 'check_in', id: inserted.id }
	});
	return 'saved';
}

/** A participant's check-ins, oldest first, for the chart and the trainer's history (no access check). */
export async function checkInHistory(db: Db | Tx, personId: string, limit = 52) {
	const rows = await db
		.select({
			weekStart: checkIn.weekStart,
			worked: checkIn.worked,
			closeness: checkIn.closeness,
			bringUp: checkIn.bringUp,
			createdAt: checkIn.createdAt
		})
		.from(checkIn)
		.where(eq(checkIn.personId, personId))
		.orderBy(desc(checkIn.weekStart))
		.limit(limit);
	return rows.reverse();
}

export function chartPointsOf(rows: { weekStart: string; closeness: number }[]): ChartPoint[] {
	return rows.map((row) => ({ weekStart: row.weekStart, closeness: row.closeness }));
}
