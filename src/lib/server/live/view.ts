/**
 * What live mode shows, as one view per audience, the same for everyone in it: the phones and the
 * wall (`group`), and the trainer's controls (`trainer`). A stream sends a view whole each time, with
 * the id of the newest event it includes, so a phone that slept or a stream that broke gets the
 * current state and nothing twice.
 *
 * Anonymity: for an anonymous prompt no name or person id is in any view (not even the trainer's);
 * answers are known by their own ids only. Poll and scale results appear once at least
 * LIVE_MIN_ANSWERS_FOR_RESULTS people answered.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { liveAnswer, liveEvent, livePrompt, liveRound, person, type LocalisedText } from '../db/schema';
import type { LivePromptKind } from './content';

export type LiveAudience = 'group' | 'trainer';

/** Results of a poll or scale are shown only once this many people answered. */
export const LIVE_MIN_ANSWERS_FOR_RESULTS = 3;

export interface LiveCard {
	id: string;
	text: string;
	/** Only for a named prompt. */
	name: string | null;
}

export type LiveResults =
	| { kind: 'counts'; counts: number[] }
	| { kind: 'too_few'; needed: number }
	| { kind: 'cards'; cards: LiveCard[] };

export interface LivePromptView {
	id: string;
	kind: LivePromptKind;
	text: LocalisedText;
	choices: LocalisedText[];
	stepKey: string | null;
	moduleNumber: number | null;
	status: 'ready' | 'open' | 'closed';
	revealed: boolean;
	anonymous: boolean;
	approveFirst: boolean;
	answerCount: number;
	/** For the group: only once revealed. For the trainer: always. */
	results: LiveResults | null;
}

export interface ModeratedAnswer extends LiveCard {
	approved: boolean;
	hidden: boolean;
	/** The answer's version (when it last changed), sent back when approving it. */
	version: string;
}

export interface LiveView {
	/** The newest live event of the group this view includes (0: none yet). */
	eventId: number;
	roundId: string | null;
	sessionId: string | null;
	prompt: LivePromptView | null;
	/** Trainer only: every open answer with its state, for approving and hiding. */
	moderation: ModeratedAnswer[] | null;
}

/** The people whose answers a view shows by name (for the access log of whoever reads it). */
export function namedIn(view: LiveView, answers: { id: string; personId: string }[]): string[] {
	const shown = new Set<string>();
	for (const card of view.prompt?.results?.kind === 'cards' ? view.prompt.results.cards : [])
		if (card.name !== null) shown.add(card.id);
	for (const card of view.moderation ?? []) if (card.name !== null) shown.add(card.id);
	return [...new Set(answers.filter((answer) => shown.has(answer.id)).map((answer) => answer.personId))];
}

/**
 * The group's live view for an audience: a few indexed queries (the open round, its prompt, that
 * prompt's answers), whatever the size of the organisation. `answers` also returns whose answers
 * the view names, for the access log; it is never part of the view.
 */
export async function groupLiveView(
	db: Db | Tx,
	groupId: string,
	audience: LiveAudience
): Promise<{ view: LiveView; answers: { id: string; personId: string }[] }> {
	const [latest] = await db
		.select({ id: sql<number>`coalesce(max(${liveEvent.id}), 0)::int` })
		.from(liveEvent)
		.where(eq(liveEvent.groupId, groupId));
	const eventId = latest?.id ?? 0;
	const [round] = await db
		.select({ id: liveRound.id, sessionId: liveRound.sessionId, currentPromptId: liveRound.currentPromptId })
		.from(liveRound)
		.where(and(eq(liveRound.groupId, groupId), isNull(liveRound.endedAt)));
	const empty = { eventId, roundId: null, sessionId: null, prompt: null, moderation: null };
	if (!round) return { view: empty, answers: [] };
	const base = { ...empty, roundId: round.id, sessionId: round.sessionId };
	if (!round.currentPromptId) return { view: base, answers: [] };
	const [prompt] = await db.select().from(livePrompt).where(eq(livePrompt.id, round.currentPromptId));
	if (!prompt) return { view: base, answers: [] };
	const { rows, results } = await promptAnswers(db, prompt, audience === 'trainer' || prompt.revealed);
	const nameOf = (row: AnswerRow) => (prompt.anonymous ? null : row.name);
	const moderation =
		audience === 'trainer' && prompt.kind !== 'choice' && prompt.kind !== 'scale'
			? rows.map((row) => ({
					id: row.id,
					text: row.text ?? '',
					name: nameOf(row),
					approved: row.approvedAt !== null,
					hidden: row.hiddenAt !== null,
					version: row.updatedAt.toISOString()
				}))
			: null;
	const view: LiveView = {
		...base,
		moderation,
		prompt: {
			id: prompt.id,
			kind: prompt.kind,
			text: prompt.text,
			choices: prompt.choices,
			stepKey: prompt.stepKey,
			moduleNumber: prompt.moduleNumber,
			status: prompt.status,
			revealed: prompt.revealed,
			anonymous: prompt.anonymous,
			approveFirst: prompt.approveFirst,
			answerCount: rows.length,
			results
		}
	};
	return { view, answers: rows.map((row) => ({ id: row.id, personId: row.personId })) };
}

type PromptRow = typeof livePrompt.$inferSelect;
type AnswerRow = Awaited<ReturnType<typeof promptAnswers>>['rows'][number];

/**
 * A prompt's answers and, when `withResults`, what the wall shows of them: counts (once three people
 * answered) or the visible cards, with names only for a named prompt.
 */
export async function promptAnswers(db: Db | Tx, prompt: PromptRow, withResults: boolean) {
	const rows = await db
		.select({
			id: liveAnswer.id,
			personId: liveAnswer.personId,
			name: person.displayName,
			text: liveAnswer.text,
			choice: liveAnswer.choice,
			approvedAt: liveAnswer.approvedAt,
			hiddenAt: liveAnswer.hiddenAt,
			updatedAt: liveAnswer.updatedAt
		})
		.from(liveAnswer)
		.innerJoin(person, eq(person.id, liveAnswer.personId))
		.where(eq(liveAnswer.promptId, prompt.id))
		.orderBy(asc(liveAnswer.createdAt), asc(liveAnswer.id));
	let results: LiveResults | null = null;
	if (withResults && (prompt.kind === 'choice' || prompt.kind === 'scale')) {
		const size = prompt.kind === 'choice' ? prompt.choices.length : 5;
		const counts = Array.from({ length: size }, () => 0);
		for (const row of rows) {
			const index = prompt.kind === 'choice' ? row.choice : (row.choice ?? 0) - 1;
			if (index !== null && index >= 0 && index < size) counts[index] = (counts[index] ?? 0) + 1;
		}
		results =
			rows.length >= LIVE_MIN_ANSWERS_FOR_RESULTS
				? { kind: 'counts', counts }
				: { kind: 'too_few', needed: LIVE_MIN_ANSWERS_FOR_RESULTS };
	} else if (withResults) {
		results = {
			kind: 'cards',
			cards: rows
				.filter((row) => row.hiddenAt === null && (!prompt.approveFirst || row.approvedAt !== null))
				.map((row) => ({ id: row.id, text: row.text ?? '', name: prompt.anonymous ? null : row.name }))
		};
	}
	return { rows, results };
}
