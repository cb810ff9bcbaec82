/**
 * Live mode's commands. The trainer prepares prompts for a session, starts live mode, opens one prompt
 * at a time, reveals its answers, approves or hides open answers, and ends; participants of the group
 * answer the open prompt on their own phones (one answer each, changed while the prompt is open).
 *
 * Every change writes a `live_event` in its own short transaction; the database tells every app
 * instance at commit (trigger → NOTIFY herstelpad_live, ids only) and each sends its open streams the
 * new state (hub.ts).
 */
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { isUuid } from '$lib/domain/ids';
import { logRefusalOf, requireMemberGroup, requireTrainedSession, type TrainedSession } from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { liveAnswer, liveEvent, livePrompt, liveRound } from '../db/schema';
import { Conflict, Invalid, NotFound } from '../errors';
import { claimFormKey } from '../idempotency';
import { BOARD_TEXT_MAX } from '../board/schema';
import { postToBoardInTransaction } from '../board/commands';
import { preparedPrompt, type LivePromptKind } from './content';
import { promptAnswers, type LiveResults } from './view';

export const LIVE_ANSWER_MAX = 500;
/** At most this many prompts per session: a session is 90 minutes. */
export const LIVE_MAX_PROMPTS = 12;

export type PromptInput =
	| { source: 'prepared'; key: string; anonymous: boolean; approveFirst: boolean }
	| {
			source: 'own';
			kind: Exclude<LivePromptKind, 'story'>;
			text: string;
			choices: string[];
			anonymous: boolean;
			approveFirst: boolean;
	  };

/**
 * Writes the change's live event. A group's events take a lock first, held to the commit, so their
 * ids are given in the order they commit: a view read after event N then holds every change up to N,
 * and a stream that has N misses nothing older (ids taken in another order could commit 11 before 10).
 * Call it near the end of the transaction, before the access-log row (lock order: group, then log).
 */
async function event(tx: Tx, groupId: string, roundId: string, kind: string): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`live_event:${groupId}`}))`);
	await tx.insert(liveEvent).values({ groupId, roundId, kind });
}

/** The session's prompts, in order (for moving and numbering). */
async function promptsOf(tx: Tx, sessionId: string) {
	return tx
		.select({ id: livePrompt.id, position: livePrompt.position, status: livePrompt.status })
		.from(livePrompt)
		.where(eq(livePrompt.sessionId, sessionId))
		.orderBy(asc(livePrompt.position));
}

/** Adds a prompt at the end of the session's list. A resend of the same form adds nothing. */
export async function addPrompt(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	input: PromptInput,
	key: string | null = null
): Promise<void> {
	const { group, session } = await requireTrainedSession(db, actor, groupId, sessionId);
	let fields: Pick<
		typeof livePrompt.$inferInsert,
		'kind' | 'text' | 'choices' | 'contentKey' | 'stepKey' | 'moduleNumber'
	>;
	if (input.source === 'prepared') {
		const prepared = preparedPrompt(input.key);
		if (!prepared) throw new Invalid('vraag', 'invalid');
		fields = {
			kind: prepared.kind,
			text: prepared.text,
			choices: prepared.choices,
			contentKey: prepared.key,
			stepKey: prepared.stepKey,
			moduleNumber: prepared.moduleNumber
		};
	} else {
		fields = {
			kind: input.kind,
			// The trainer's own words, shown as written in both languages.
			text: { nl: input.text, en: input.text },
			choices: input.kind === 'choice' ? input.choices.map((choice) => ({ nl: choice, en: choice })) : [],
			contentKey: null,
			stepKey: null,
			moduleNumber: null
		};
	}
	await db.transaction(async (tx) => {
		if (await claimFormKey(tx, { personId: actor.personId, action: 'live.prompt_add', key }, 'added')) return;
		// One list per session: concurrent adds take turns.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`live_prompts:${session.id}`}))`);
		const existing = await promptsOf(tx, session.id);
		if (existing.length >= LIVE_MAX_PROMPTS) throw new Conflict('live_too_many_prompts');
		await tx.insert(livePrompt).values({
			groupId: group.id,
			sessionId: session.id,
			position: (existing.at(-1)?.position ?? 0) + 1,
			anonymous: input.anonymous,
			approveFirst: input.approveFirst,
			createdByPersonId: actor.personId,
			...fields
		});
		await touchRound(tx, group.id, session.id, 'prompts');
	});
}

/** A prompt of the session, or NotFound (logged by the caller's refusal handling). */
async function promptOfSession(tx: Tx, sessionId: string, promptId: string) {
	const [prompt] = isUuid(promptId)
		? await tx
				.select()
				.from(livePrompt)
				.where(and(eq(livePrompt.id, promptId), eq(livePrompt.sessionId, sessionId)))
		: [];
	if (!prompt) throw new NotFound('live_prompt');
	return prompt;
}

/** Moves a prompt one place up or down in the session's list. */
export async function movePrompt(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	promptId: string,
	direction: 'up' | 'down'
): Promise<void> {
	const { group, session } = await requireTrainedSession(db, actor, groupId, sessionId);
	// A live prompt of another session or group: a refusal, logged after the rollback.
	await logRefusalOf(db, actor, { type: 'live_prompt', id: promptId }, 'U', () =>
		db.transaction(async (tx) => {
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`live_prompts:${session.id}`}))`);
			const prompt = await promptOfSession(tx, session.id, promptId);
			const [neighbour] = await tx
				.select({ id: livePrompt.id, position: livePrompt.position })
				.from(livePrompt)
				.where(
					and(
						eq(livePrompt.sessionId, session.id),
						direction === 'up'
							? lt(livePrompt.position, prompt.position)
							: gt(livePrompt.position, prompt.position)
					)
				)
				.orderBy(direction === 'up' ? desc(livePrompt.position) : asc(livePrompt.position))
				.limit(1);
			if (!neighbour) return; // already first or last
			await tx.update(livePrompt).set({ position: neighbour.position }).where(eq(livePrompt.id, prompt.id));
			await tx.update(livePrompt).set({ position: prompt.position }).where(eq(livePrompt.id, neighbour.id));
			await touchRound(tx, group.id, session.id, 'prompts');
		})
	);
}

/** Removes a prompt that has not been asked yet (asked ones keep their answers). */
export async function removePrompt(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	promptId: string
): Promise<void> {
	const { group, session } = await requireTrainedSession(db, actor, groupId, sessionId);
	// A live prompt of another session or group: a refusal, logged after the rollback.
	await logRefusalOf(db, actor, { type: 'live_prompt', id: promptId }, 'D', () =>
		db.transaction(async (tx) => {
			const prompt = await promptOfSession(tx, session.id, promptId);
			if (prompt.status !== 'ready') throw new Conflict('live_prompt_asked');
			await tx.delete(livePrompt).where(and(eq(livePrompt.id, prompt.id), eq(livePrompt.status, 'ready')));
			await touchRound(tx, group.id, session.id, 'prompts');
		})
	);
}

/** When live mode runs for this session, tells the streams that its list changed. */
async function touchRound(tx: Tx, groupId: string, sessionId: string, kind: string): Promise<void> {
	const [round] = await tx
		.select({ id: liveRound.id })
		.from(liveRound)
		.where(
			and(eq(liveRound.groupId, groupId), eq(liveRound.sessionId, sessionId), isNull(liveRound.endedAt))
		);
	if (round) await event(tx, groupId, round.id, kind);
}

/**
 * Starts live mode for the session; when it already runs for it, nothing changes. Live mode of
 * another session of the group must be ended first.
 */
export async function startLive(db: Db, actor: Actor, groupId: string, sessionId: string): Promise<void> {
	const { group, session } = await requireTrainedSession(db, actor, groupId, sessionId);
	await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`live_round:${group.id}`}))`);
		const [open] = await tx
			.select({ id: liveRound.id, sessionId: liveRound.sessionId })
			.from(liveRound)
			.where(and(eq(liveRound.groupId, group.id), isNull(liveRound.endedAt)));
		if (open?.sessionId === session.id) return;
		if (open) throw new Conflict('live_other_session');
		const [round] = await tx
			.insert(liveRound)
			.values({ groupId: group.id, sessionId: session.id, startedByPersonId: actor.personId })
			.returning({ id: liveRound.id });
		if (!round) throw new Error('live_round insert returned nothing');
		await event(tx, group.id, round.id, 'start');
		await record(tx, {
			eventType: 'live.start',
			action: 'C',
			actor,
			object: { type: 'live_round', id: round.id }
		});
	});
}

/** The open round of the session, locked for this change, or a Conflict when live mode is not on. */
async function lockedRound(tx: Tx, live: TrainedSession) {
	const [round] = await tx
		.select()
		.from(liveRound)
		.where(
			and(
				eq(liveRound.groupId, live.group.id),
				eq(liveRound.sessionId, live.session.id),
				isNull(liveRound.endedAt)
			)
		)
		.for('update');
	if (!round) throw new Conflict('live_not_running');
	return round;
}

/**
 * A step of the round. Next, stop and reveal name the question the trainer saw as the current one
 * (`seen`, null for none): when it is no longer current (a double tap, a co-trainer was quicker),
 * the step is refused instead of skipping a question or showing another question's answers.
 */
export type PromptStep =
	| { kind: 'open'; promptId: string }
	| { kind: 'next' | 'close' | 'reveal'; seen: string | null }
	| { kind: 'end' };

/**
 * Moves the round on: open a prompt (the one before it closes), open the next prompt in the list,
 * stop answering, show the answers on the wall, or end live mode.
 */
export async function stepLive(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	step: PromptStep
): Promise<void> {
	const live = await requireTrainedSession(db, actor, groupId, sessionId);
	// A live prompt of another session or group: a refusal, logged after the rollback.
	await logRefusalOf(
		db,
		actor,
		{ type: 'live_prompt', id: step.kind === 'open' ? step.promptId : sessionId },
		'U',
		() =>
			db.transaction(async (tx) => {
				const round = await lockedRound(tx, live);
				const now = new Date();
				const closeCurrent = async () => {
					if (!round.currentPromptId) return;
					await tx
						.update(livePrompt)
						.set({ status: 'closed', closedAt: now })
						.where(and(eq(livePrompt.id, round.currentPromptId), eq(livePrompt.status, 'open')));
				};
				const open = async (promptId: string) => {
					await closeCurrent();
					await tx
						.update(livePrompt)
						.set({ status: 'open', openedAt: now })
						.where(eq(livePrompt.id, promptId));
					await tx.update(liveRound).set({ currentPromptId: promptId }).where(eq(liveRound.id, round.id));
				};
				if ('seen' in step && (step.seen ?? null) !== round.currentPromptId)
					throw new Conflict('live_changed');
				switch (step.kind) {
					case 'open': {
						const prompt = await promptOfSession(tx, live.session.id, step.promptId);
						await open(prompt.id);
						break;
					}
					case 'next': {
						const [current] = round.currentPromptId
							? await tx
									.select({ position: livePrompt.position })
									.from(livePrompt)
									.where(eq(livePrompt.id, round.currentPromptId))
							: [];
						const [next] = await tx
							.select({ id: livePrompt.id })
							.from(livePrompt)
							.where(
								and(
									eq(livePrompt.sessionId, live.session.id),
									gt(livePrompt.position, current?.position ?? 0)
								)
							)
							.orderBy(asc(livePrompt.position))
							.limit(1);
						if (!next) throw new Conflict('live_no_next_prompt');
						await open(next.id);
						break;
					}
					case 'close':
						await closeCurrent();
						break;
					case 'reveal': {
						if (!round.currentPromptId) throw new Conflict('live_no_prompt');
						const [shown] = await tx
							.update(livePrompt)
							.set({ revealed: true })
							.where(eq(livePrompt.id, round.currentPromptId))
							.returning({ kind: livePrompt.kind, anonymous: livePrompt.anonymous });
						// Bars that move with each tap would show the room who chose what: an anonymous poll
						// or scale stops taking answers when its results go on the wall.
						if (shown?.anonymous && (shown.kind === 'choice' || shown.kind === 'scale')) await closeCurrent();
						break;
					}
					case 'end':
						await closeCurrent();
						await tx.update(liveRound).set({ endedAt: now }).where(eq(liveRound.id, round.id));
						break;
				}
				await event(tx, live.group.id, round.id, step.kind);
				if (step.kind === 'end')
					await record(tx, {
						eventType: 'live.end',
						action: 'U',
						actor,
						object: { type: 'live_round', id: round.id }
					});
			})
	);
}

/** Lets an open answer reach the wall (approve first), or hides it from the wall and the phones. */
export async function moderateAnswer(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	answerId: string,
	decision: 'approve' | 'hide',
	/** For approving: the answer's version (its updated_at) as the trainer read it. */
	seen: string | null = null
): Promise<void> {
	const live = await requireTrainedSession(db, actor, groupId, sessionId);
	// A live answer of another session or group: a refusal, logged after the rollback.
	await logRefusalOf(db, actor, { type: 'live_answer', id: answerId }, 'U', () =>
		db.transaction(async (tx) => {
			const round = await lockedRound(tx, live);
			const [answer] = isUuid(answerId)
				? await tx
						.select({ id: liveAnswer.id, personId: liveAnswer.personId })
						.from(liveAnswer)
						.innerJoin(livePrompt, eq(livePrompt.id, liveAnswer.promptId))
						.where(and(eq(liveAnswer.id, answerId), eq(livePrompt.sessionId, live.session.id)))
				: [];
			if (!answer) throw new NotFound('live_answer');
			// Approve only the text the trainer read: a participant may have changed it meanwhile.
			const unchanged =
				decision === 'approve'
					? sql`date_trunc('milliseconds', ${liveAnswer.updatedAt}) = ${seen ?? '-infinity'}::timestamptz`
					: sql`true`;
			const changed = await tx
				.update(liveAnswer)
				.set(
					decision === 'approve'
						? { approvedAt: new Date(), hiddenAt: null, hiddenByPersonId: null }
						: { hiddenAt: new Date(), hiddenByPersonId: actor.personId }
				)
				.where(and(eq(liveAnswer.id, answer.id), unchanged))
				.returning({ id: liveAnswer.id });
			if (changed.length === 0) throw new Conflict('live_answer_changed');
			await event(tx, live.group.id, round.id, decision);
			// The access-log row last: its chain lock is held from here until the commit.
			await record(tx, {
				eventType: 'live.answer_moderate',
				action: 'U',
				actor,
				participantId: answer.personId,
				object: { type: 'live_answer', id: answer.id }
			});
		})
	);
}

export type AnswerInput = { text: string } | { choice: number };

/**
 * A participant's answer to the open prompt of their group's live round: stored (or changed) while
 * the prompt is open. A resend of the same form changes nothing more.
 */
export async function answerPrompt(
	db: Db,
	actor: Actor,
	promptId: string,
	input: AnswerInput,
	key: string | null = null
): Promise<void> {
	const group = await requireMemberGroup(db, actor);
	// A live prompt of another session or group: a refusal, logged after the rollback.
	await logRefusalOf(db, actor, { type: 'live_prompt', id: promptId }, 'C', () =>
		db.transaction(async (tx) => {
			const [found] = isUuid(promptId)
				? await tx
						.select({ prompt: livePrompt, roundId: liveRound.id, current: liveRound.currentPromptId })
						.from(livePrompt)
						.innerJoin(
							liveRound,
							and(eq(liveRound.sessionId, livePrompt.sessionId), isNull(liveRound.endedAt))
						)
						.where(and(eq(livePrompt.id, promptId), eq(livePrompt.groupId, group.groupId)))
						// A step (close, reveal, next) waits for this answer, and this answer for a step.
						.for('share')
				: [];
			if (!found) throw new NotFound('live_prompt');
			const { prompt } = found;
			if (found.current !== prompt.id || prompt.status !== 'open') throw new Conflict('live_prompt_closed');
			const value = answerValue(prompt, input);
			if (await claimFormKey(tx, { personId: actor.personId, action: 'live.answer', key }, 'saved')) return;
			const [stored] = await tx
				.insert(liveAnswer)
				.values({ promptId: prompt.id, personId: actor.personId, ...value })
				.onConflictDoUpdate({
					target: [liveAnswer.promptId, liveAnswer.personId],
					// A changed open answer waits for approval again; a hidden one stays hidden.
					set: { ...value, approvedAt: null, updatedAt: new Date() }
				})
				.returning({ id: liveAnswer.id, createdAt: liveAnswer.createdAt, updatedAt: liveAnswer.updatedAt });
			if (!stored) throw new Error('live_answer upsert returned nothing');
			await event(tx, group.groupId, found.roundId, 'answer');
			// The access-log row last: its chain lock (one for the whole platform) is held from here until
			// the commit, so the rest of the answer's work stays out of it (bench/live.js, figure 2).
			await record(tx, {
				eventType: 'live.answer',
				action: stored.createdAt.getTime() === stored.updatedAt.getTime() ? 'C' : 'U',
				actor,
				participantId: actor.personId,
				object: { type: 'live_prompt', id: prompt.id }
			});
		})
	);
}

/** The stored value of an answer, or Invalid when it does not fit the prompt. */
function answerValue(
	prompt: typeof livePrompt.$inferSelect,
	input: AnswerInput
): { text: string | null; choice: number | null } {
	switch (prompt.kind) {
		case 'choice':
			if (!('choice' in input) || input.choice < 0 || input.choice >= prompt.choices.length)
				throw new Invalid('keuze', 'answer_required');
			return { text: null, choice: input.choice };
		case 'scale':
			if (!('choice' in input) || input.choice < 1 || input.choice > 5)
				throw new Invalid('keuze', 'answer_required');
			return { text: null, choice: input.choice };
		case 'open':
		case 'share':
		case 'story':
			if (!('text' in input) || input.text === '') throw new Invalid('antwoord', 'answer_required');
			return { text: input.text, choice: null };
	}
}

/**
 * Keeps what the wall showed of a prompt as a post on the group's board ("Uit de groepssessie"):
 * the question and its answers as shown — names only for a named prompt, a poll only once three
 * people answered. Once per prompt; only a prompt whose answers were on the wall.
 */
export async function keepOnBoard(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	promptId: string,
	locale: 'nl' | 'en'
): Promise<void> {
	const { group, session } = await requireTrainedSession(db, actor, groupId, sessionId);
	await logRefusalOf(db, actor, { type: 'live_prompt', id: promptId }, 'E', () =>
		db.transaction(async (tx) => {
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`live_keep:${promptId}`}))`);
			const prompt = await promptOfSession(tx, session.id, promptId);
			if (prompt.keptPostId) throw new Conflict('live_already_kept');
			if (!prompt.revealed) throw new Conflict('live_not_revealed');
			const { rows, results } = await promptAnswers(tx, prompt, true);
			if (!results || results.kind === 'too_few' || (results.kind === 'cards' && results.cards.length === 0))
				throw new Conflict('live_keep_too_few');
			const postId = await postToBoardInTransaction(tx, {
				groupId: group.id,
				authorPersonId: actor.personId,
				text: wallAsText(prompt, results, locale),
				kind: 'live_wall'
			});
			await tx.update(livePrompt).set({ keptPostId: postId }).where(eq(livePrompt.id, prompt.id));
			// Named answers were copied to the board: their authors see that in their own log.
			const named = results.kind === 'cards' && !prompt.anonymous ? results.cards.map((card) => card.id) : [];
			const authors = rows.filter((row) => named.includes(row.id)).map((row) => row.personId);
			if (authors.length > 0)
				await record(tx, {
					eventType: 'live.kept',
					action: 'E',
					actor,
					participantIds: [...new Set(authors)],
					object: { type: 'board_post', id: postId }
				});
		})
	);
}

/** The wall of one prompt as plain text for the board, within the board's length limit. */
export function wallAsText(
	prompt: Pick<typeof livePrompt.$inferSelect, 'kind' | 'text' | 'choices'>,
	results: Exclude<LiveResults, { kind: 'too_few' }>,
	locale: 'nl' | 'en'
): string {
	const question = prompt.text[locale];
	const lines =
		results.kind === 'counts'
			? results.counts.map((count, index) => {
					const label = prompt.kind === 'scale' ? String(index + 1) : (prompt.choices[index]?.[locale] ?? '');
					return `- ${label}: ${count}×`;
				})
			: results.cards.map(
					(card) => `- ${card.text.replace(/\s+/g, ' ')}${card.name ? ` (${card.name})` : ''}`
				);
	let text = question;
	for (const [index, line] of lines.entries()) {
		const more = lines.length - index;
		// Room for this line and, if any follow, the line that says how many more there were.
		if (text.length + 1 + line.length + (more > 1 ? 12 : 0) > BOARD_TEXT_MAX) {
			text += `\n- … +${more}`;
			break;
		}
		text += `\n${line}`;
	}
	return text;
}
