/**
 * Live mode's reads for the pages and streams. Each one decides access first and writes a `live.read`
 * row naming the participants whose answers it shows by name (anonymous answers name nobody). A
 * stream is logged when it opens, with what it shows then; it lasts at most five minutes.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { findMemberGroup, requireTrainedSession, type MemberGroup } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { liveAnswer, livePrompt, liveRound, person, type LocalisedText } from '../db/schema';
import { preparedPromptsOf, type PreparedPrompt } from './content';
import { groupLiveView, namedIn, type LiveAudience, type LiveView } from './view';

async function logRead(
	db: Db,
	actor: Actor,
	groupId: string,
	view: LiveView,
	answers: { id: string; personId: string }[]
): Promise<void> {
	const named = namedIn(view, answers).filter((id) => id !== actor.personId);
	if (!view.roundId || named.length === 0) return;
	await record(db, {
		eventType: 'live.read',
		action: 'R',
		actor,
		participantIds: named,
		object: { type: 'live_round', id: view.roundId }
	});
}

/** The group's view for an audience, logged for the one reading it. */
export async function readLiveView(
	db: Db,
	actor: Actor,
	groupId: string,
	audience: LiveAudience
): Promise<LiveView> {
	const { view, answers } = await groupLiveView(db, groupId, audience);
	await logRead(db, actor, groupId, view, answers);
	return view;
}

export interface ParticipantLive {
	group: MemberGroup | null;
	view: LiveView | null;
	/** The participant's own answer to the prompt shown, to change it. */
	own: { promptId: string; text: string | null; choice: number | null; hidden: boolean } | null;
}

/** The participant's live page: their group's view and their own answer. */
export async function liveForParticipant(db: Db, actor: Actor): Promise<ParticipantLive> {
	const group = await findMemberGroup(db, actor);
	if (!group) return { group: null, view: null, own: null };
	const view = await readLiveView(db, actor, group.groupId, 'group');
	const promptId = view.prompt?.id;
	const [own] = promptId
		? await db
				.select({ text: liveAnswer.text, choice: liveAnswer.choice, hiddenAt: liveAnswer.hiddenAt })
				.from(liveAnswer)
				.where(and(eq(liveAnswer.promptId, promptId), eq(liveAnswer.personId, actor.personId)))
		: [];
	return {
		group,
		view,
		own:
			own && promptId ? { promptId, text: own.text, choice: own.choice, hidden: own.hiddenAt !== null } : null
	};
}

export interface SessionPrompt {
	id: string;
	kind: string;
	text: LocalisedText;
	choices: LocalisedText[];
	anonymous: boolean;
	approveFirst: boolean;
	status: 'ready' | 'open' | 'closed';
	revealed: boolean;
	kept: boolean;
	answerCount: number;
}

/** The trainer's live page for one session: its prompts, what can be added, and live mode's state. */
export async function liveForTrainer(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	/** The module whose prepared prompts to suggest; the session's planned module by default. */
	askedModule: number | null = null
) {
	const { group, session } = await requireTrainedSession(db, actor, groupId, sessionId);
	const prompts: SessionPrompt[] = await db
		.select({
			id: livePrompt.id,
			kind: livePrompt.kind,
			text: livePrompt.text,
			choices: livePrompt.choices,
			anonymous: livePrompt.anonymous,
			approveFirst: livePrompt.approveFirst,
			status: livePrompt.status,
			revealed: livePrompt.revealed,
			kept: sql<boolean>`${livePrompt.keptPostId} is not null`,
			answerCount: db.$count(liveAnswer, eq(liveAnswer.promptId, livePrompt.id))
		})
		.from(livePrompt)
		.where(eq(livePrompt.sessionId, session.id))
		.orderBy(asc(livePrompt.position));
	const [openRound] = await db
		.select({ id: liveRound.id, sessionId: liveRound.sessionId })
		.from(liveRound)
		.where(and(eq(liveRound.groupId, group.id), isNull(liveRound.endedAt)));
	const running = openRound?.sessionId === session.id;
	const view = running ? await readLiveView(db, actor, group.id, 'trainer') : null;
	const used = new Set(await contentKeysOf(db, session.id));
	const moduleNumber = askedModule ?? session.moduleNumber;
	const suggestions: PreparedPrompt[] = moduleNumber
		? preparedPromptsOf(moduleNumber).filter((prompt) => !used.has(prompt.key))
		: [];
	return {
		group,
		session,
		prompts,
		moduleNumber,
		suggestions,
		running,
		/** Live mode runs for another session of the group (end it there first). */
		otherSessionId: openRound && !running ? openRound.sessionId : null,
		view
	};
}

async function contentKeysOf(db: Db, sessionId: string): Promise<string[]> {
	const rows = await db
		.select({ key: livePrompt.contentKey })
		.from(livePrompt)
		.where(eq(livePrompt.sessionId, sessionId));
	return rows.flatMap((row) => (row.key ? [row.key] : []));
}

/** The wall (projector view) of the session's live mode. */
export async function wallForTrainer(db: Db, actor: Actor, groupId: string, sessionId: string) {
	const { group, session } = await requireTrainedSession(db, actor, groupId, sessionId);
	const view = await readLiveView(db, actor, group.id, 'group');
	return { group, session, view: view.sessionId === session.id ? view : null };
}

/**
 * Who answered anything in the session's live mode: a suggestion for the attendance list, never
 * written into it. The caller has checked that the actor trains the group and logs the read.
 */
export async function liveParticipants(
	db: Db,
	sessionId: string
): Promise<{ id: string; displayName: string }[]> {
	// Not while live mode runs for the session: a list that grows with each answer would tell the
	// trainer who wrote the newest anonymous card.
	const [running] = await db
		.select({ id: liveRound.id })
		.from(liveRound)
		.where(and(eq(liveRound.sessionId, sessionId), isNull(liveRound.endedAt)));
	if (running) return [];
	return db
		.selectDistinct({ id: person.id, displayName: person.displayName })
		.from(liveAnswer)
		.innerJoin(livePrompt, eq(livePrompt.id, liveAnswer.promptId))
		.innerJoin(person, eq(person.id, liveAnswer.personId))
		.where(eq(livePrompt.sessionId, sessionId))
		.orderBy(asc(person.displayName));
}
