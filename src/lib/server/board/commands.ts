/**
 * The group board, written: posts and replies, the supportive reactions, reports, the trainers'
 * moderation, the coordinator's "approve first" switch and the reader's "seen the rules" mark. Each
 * asks access/board.ts first and writes in one transaction with its access-log row.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record, type AuditEventType } from '../audit/record';
import {
	findBoard,
	isParticipant,
	recordRefusal,
	requireBoard,
	requireBoardPost,
	requireBoardSettings,
	type BoardScope
} from '../access';
import type { Db, Tx } from '../db/client';
import {
	boardPost,
	boardReaction,
	boardReader,
	boardReport,
	boardSetting,
	groupTrainer,
	person
} from '../db/schema';
import { Conflict, Invalid, NotFound } from '../errors';
import { claimFormKey } from '../idempotency';
import { normaliseText } from '../input';
import { BOARD_TEXT_MAX, REPLIES_MAX, type BoardModeration, type ReactionWord } from './schema';

/** The participant whose data a board row is, for the access log: the author when a participant. */
async function participantAuthor(tx: Tx, authorPersonId: string): Promise<string | null> {
	const [row] = await tx.select({ role: person.role }).from(person).where(eq(person.id, authorPersonId));
	return row && isParticipant(row) ? authorPersonId : null;
}

/**
 * Writes a post on the actor's board, or a reply to `parentId`: a participant on their own group's
 * board (no `groupId`), a trainer on the group of the URL. A participant's post waits for a trainer
 * when the coordinator switched on "approve first". With the form's key, a resend adds nothing.
 * NotFound (logged) for a board or post the actor may not use; Conflict when the post takes no
 * more replies (hidden, removed, waiting, or full).
 */
export async function writePost(
	db: Db,
	actor: Actor,
	input: { groupId?: string; parentId?: string; text: string; key?: string | null }
): Promise<{ id: string; status: 'visible' | 'waiting' }> {
	const text = normaliseText(input.text);
	if (!text) throw new Invalid('text', 'board_text_required');
	if (text.length > BOARD_TEXT_MAX) throw new Invalid('text', 'too_long');
	let board: BoardScope;
	if (input.parentId) {
		const parent = await requireBoardPost(db, actor, input.parentId, input.groupId);
		if (parent.post.parentId !== null || parent.post.status !== 'visible')
			throw new Conflict('board_reply_closed');
		board = parent.board;
	} else if (input.groupId !== undefined) {
		board = await requireBoard(db, actor, input.groupId);
	} else {
		const own = await findBoard(db, actor);
		if (!own) throw new NotFound('board');
		board = own;
	}
	return db.transaction(async (tx) => {
		const id = randomUUID();
		const [setting] = await tx
			.select({ approveFirst: boardSetting.approveFirst })
			.from(boardSetting)
			.where(eq(boardSetting.groupId, board.groupId));
		const status: 'visible' | 'waiting' = !board.moderator && setting?.approveFirst ? 'waiting' : 'visible';
		const first = await claimFormKey(
			tx,
			{ personId: actor.personId, action: 'board.post', key: input.key },
			{ id, status }
		);
		if (first) return first.result;
		if (input.parentId) {
			// The parent's row lock: two replies at once cannot both be the last one allowed.
			await tx
				.select({ id: boardPost.id })
				.from(boardPost)
				.where(eq(boardPost.id, input.parentId))
				.for('update');
			const [replies] = await tx
				.select({ total: count() })
				.from(boardPost)
				.where(eq(boardPost.parentId, input.parentId));
			if ((replies?.total ?? 0) >= REPLIES_MAX) throw new Conflict('board_replies_full');
		}
		await tx.insert(boardPost).values({
			id,
			groupId: board.groupId,
			parentId: input.parentId ?? null,
			authorPersonId: actor.personId,
			body: text,
			status
		});
		await record(tx, {
			eventType: 'board.post_create',
			action: 'C',
			actor,
			participantId: isParticipant(actor) ? actor.personId : null,
			object: { type: input.parentId ? 'board_reply' : 'board_post', id }
		});
		return { id, status };
	});
}

/**
 * Puts a trainer's text on the group's board from inside another capability's transaction (the live
 * mode's wall: kind 'live_wall', labelled "Uit de groepssessie"), with its own access-log row; returns
 * the post's id. The author must be a trainer of the group (NotFound otherwise: nothing is written).
 */
export async function postToBoardInTransaction(
	tx: Tx,
	input: { groupId: string; authorPersonId: string; text: string; kind: 'post' | 'live_wall' }
): Promise<string> {
	const text = normaliseText(input.text);
	if (!text) throw new Invalid('text', 'board_text_required');
	if (text.length > BOARD_TEXT_MAX) throw new Invalid('text', 'too_long');
	const [author] = await tx
		.select({
			personId: person.id,
			role: person.role,
			displayName: person.displayName,
			organisationId: person.organisationId
		})
		.from(groupTrainer)
		.innerJoin(person, eq(person.id, groupTrainer.personId))
		.where(and(eq(groupTrainer.groupId, input.groupId), eq(groupTrainer.personId, input.authorPersonId)));
	if (!author) throw new NotFound('board');
	const id = randomUUID();
	await tx.insert(boardPost).values({
		id,
		groupId: input.groupId,
		authorPersonId: author.personId,
		kind: input.kind,
		body: text,
		status: 'visible'
	});
	await record(tx, {
		eventType: 'board.post_create',
		action: 'C',
		actor: author,
		object: { type: 'board_post', id }
	});
	return id;
}

/**
 * Gives (`on`) or takes back one supportive word on a visible post; giving it twice, or taking back
 * one not given, changes nothing and logs nothing. NotFound (logged) for a post the actor may not
 * use; Conflict for a reply or a post not shown.
 */
export async function setReaction(
	db: Db,
	actor: Actor,
	input: { postId: string; word: ReactionWord; on: boolean; groupId?: string }
): Promise<void> {
	const { post } = await requireBoardPost(db, actor, input.postId, input.groupId);
	if (post.parentId !== null || post.status !== 'visible') throw new Conflict('board_not_shown');
	await db.transaction(async (tx) => {
		const changed = input.on
			? await tx
					.insert(boardReaction)
					.values({ postId: post.id, personId: actor.personId, word: input.word })
					.onConflictDoNothing()
					.returning({ postId: boardReaction.postId })
			: await tx
					.delete(boardReaction)
					.where(
						and(
							eq(boardReaction.postId, post.id),
							eq(boardReaction.personId, actor.personId),
							eq(boardReaction.word, input.word)
						)
					)
					.returning({ postId: boardReaction.postId });
		if (changed.length === 0) return;
		await record(tx, {
			eventType: 'board.react',
			action: input.on ? 'C' : 'D',
			actor,
			participantId: isParticipant(actor) ? actor.personId : null,
			object: { type: 'board_post', id: post.id }
		});
	});
}

/**
 * "Dit voelt niet goed": a participant reports a visible post or reply of their group; the trainers
 * see it at once in their attention list. Reporting again adds nothing. NotFound (logged) for a post
 * the actor may not use, and for a trainer (trainers act on posts themselves).
 */
export async function reportPost(db: Db, actor: Actor, postId: string): Promise<void> {
	const { board, post } = await requireBoardPost(db, actor, postId);
	if (board.moderator || !isParticipant(actor)) {
		await recordRefusal(db, actor, { type: 'board_post', id: postId }, 'C');
		throw new NotFound('board_post');
	}
	if (post.status !== 'visible') throw new Conflict('board_not_shown');
	await db.transaction(async (tx) => {
		const [reported] = await tx
			.insert(boardReport)
			.values({ postId: post.id, reporterPersonId: actor.personId })
			.onConflictDoNothing()
			.returning({ postId: boardReport.postId });
		if (!reported) return;
		await record(tx, {
			eventType: 'board.report',
			action: 'C',
			actor,
			participantId: actor.personId,
			object: { type: 'board_post', id: post.id }
		});
	});
}

const moderationEvent: Record<BoardModeration['act'], AuditEventType> = {
	hide: 'board.post_hide',
	remove: 'board.post_remove',
	approve: 'board.post_approve',
	keep: 'board.report_close'
};

/** Which posts each act applies to: approving only a waiting one; keeping only one shown. */
const allowedFrom: Record<BoardModeration['act'], readonly string[]> = {
	hide: ['visible', 'waiting'],
	remove: ['visible', 'waiting', 'hidden'],
	approve: ['waiting'],
	keep: ['visible']
};

/**
 * A trainer of the group (in the URL) acts on a post or reply: hides it or removes it with a reason
 * (its author sees the reason; the others see "hidden by the trainer", or nothing for a removed
 * one, whose text is erased), approves a waiting one, or keeps a reported one. Every act closes the
 * post's open reports and writes an access-log row. NotFound (logged) unless the actor trains the
 * group; Conflict when the post is no longer in a state the act applies to.
 */
export async function moderatePost(
	db: Db,
	actor: Actor,
	groupId: string,
	input: BoardModeration
): Promise<void> {
	const { board, post } = await requireBoardPost(db, actor, input.postId, groupId);
	if (!board.moderator) {
		await recordRefusal(db, actor, { type: 'board_post', id: input.postId }, 'U');
		throw new NotFound('board_post');
	}
	await db.transaction(async (tx) => {
		const [current] = await tx
			.select({ status: boardPost.status })
			.from(boardPost)
			.where(eq(boardPost.id, post.id))
			.for('update');
		if (!current || !allowedFrom[input.act].includes(current.status)) throw new Conflict('board_changed');
		const now = new Date();
		if (input.act !== 'keep') {
			const status = input.act === 'approve' ? 'visible' : input.act === 'hide' ? 'hidden' : 'removed';
			await tx
				.update(boardPost)
				.set({
					status,
					moderationReason: input.act === 'approve' ? null : input.reason,
					moderatedByPersonId: actor.personId,
					moderatedAt: now,
					// A removed post keeps no text: only that it was removed, and why.
					...(input.act === 'remove' ? { body: '' } : {})
				})
				.where(eq(boardPost.id, post.id));
		}
		await tx
			.update(boardReport)
			.set({ handledAt: now })
			.where(and(eq(boardReport.postId, post.id), isNull(boardReport.handledAt)));
		await record(tx, {
			eventType: moderationEvent[input.act],
			action: 'U',
			actor,
			participantId: await participantAuthor(tx, post.authorPersonId),
			object: { type: post.parentId ? 'board_reply' : 'board_post', id: post.id }
		});
	});
}

/** The coordinator switches "approve first" on or off for a group's board. NotFound (logged) for another organisation's group. */
export async function setApproveFirst(
	db: Db,
	actor: Actor,
	groupId: string,
	approveFirst: boolean
): Promise<void> {
	const group = await requireBoardSettings(db, actor, groupId);
	await db.transaction(async (tx) => {
		await tx
			.insert(boardSetting)
			.values({ groupId: group.groupId, approveFirst })
			.onConflictDoUpdate({ target: boardSetting.groupId, set: { approveFirst, updatedAt: new Date() } });
		await record(tx, {
			eventType: 'board.settings_update',
			action: 'U',
			actor,
			object: { type: 'group', id: group.groupId }
		});
	});
}

/** Marks the board's rules as seen by the actor (shown before the board on first use). */
export async function markBoardRulesSeen(db: Db, actor: Actor): Promise<void> {
	await db
		.insert(boardReader)
		.values({ personId: actor.personId, rulesSeenAt: new Date() })
		.onConflictDoUpdate({ target: boardReader.personId, set: { rulesSeenAt: new Date() } });
}
