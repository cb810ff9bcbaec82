/**
 * The group board's door: a group's current participants and its trainers use its board; a post is
 * reached only through its group's board; the coordinator sets the board's "approve first" switch.
 * Access follows the participant's current group (canUseGroupBoard), like everything else.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canManageOrganisation, canUseGroupBoard, type Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { boardPost, courseGroup, groupMember, groupTrainer } from '../db/schema';
import { NotFound } from '../errors';
import { recordRefusal } from './refusal';
import { isParticipant } from './roles';

/** A board the actor may use. */
export interface BoardScope {
	groupId: string;
	groupName: string;
	organisationId: string;
	/** The actor trains the group: sees waiting and hidden posts and the reports, and moderates. */
	moderator: boolean;
}

/** A post (or reply) on a board the actor may use. */
export interface BoardPostScope {
	board: BoardScope;
	post: {
		id: string;
		parentId: string | null;
		authorPersonId: string;
		status: 'visible' | 'waiting' | 'hidden' | 'removed';
	};
}

/** Whether the actor trains the group and is in it now: the joins both lookups make. */
function actorJoins(actor: Actor) {
	return {
		trainer: and(eq(groupTrainer.groupId, courseGroup.id), eq(groupTrainer.personId, actor.personId)),
		member: and(
			eq(groupMember.groupId, courseGroup.id),
			eq(groupMember.personId, actor.personId),
			isNull(groupMember.leftAt)
		)
	};
}

const groupColumns = {
	id: courseGroup.id,
	name: courseGroup.name,
	organisationId: courseGroup.organisationId,
	trainerId: groupTrainer.personId,
	memberId: groupMember.personId
};

/** The group row, with whether the actor trains it and is in it now: one query. */
function groupFacts(db: Db | Tx, actor: Actor) {
	const joins = actorJoins(actor);
	return db
		.select(groupColumns)
		.from(courseGroup)
		.leftJoin(groupTrainer, joins.trainer)
		.leftJoin(groupMember, joins.member);
}

type GroupRow = {
	id: string;
	name: string;
	organisationId: string;
	trainerId: string | null;
	memberId: string | null;
};

function scopeOf(actor: Actor, row: GroupRow | undefined): BoardScope | null {
	if (!row) return null;
	const context = {
		organisationId: row.organisationId,
		actorTrainsGroup: row.trainerId !== null,
		actorInGroup: row.memberId !== null
	};
	if (!canUseGroupBoard(actor, context)) return null;
	return {
		groupId: row.id,
		groupName: row.name,
		organisationId: row.organisationId,
		moderator: !isParticipant(actor) && context.actorTrainsGroup
	};
}

/**
 * The board of `groupId` when the actor may use it, or, without a group, the board of the
 * participant's own current group (the one they joined first, as everywhere); null otherwise,
 * without logging (a participant in no group has no board: an answer, not a refusal).
 */
export async function findBoard(db: Db | Tx, actor: Actor, groupId?: string): Promise<BoardScope | null> {
	if (!actor.organisationId) return null;
	if (groupId === undefined) {
		if (!isParticipant(actor)) return null;
		const [row] = await groupFacts(db, actor)
			.where(
				and(eq(courseGroup.organisationId, actor.organisationId), eq(groupMember.personId, actor.personId))
			)
			.orderBy(asc(courseGroup.startDate))
			.limit(1);
		return scopeOf(actor, row);
	}
	if (!isUuid(groupId)) return null;
	const [row] = await groupFacts(db, actor).where(
		and(eq(courseGroup.id, groupId), eq(courseGroup.organisationId, actor.organisationId))
	);
	return scopeOf(actor, row);
}

/**
 * The board of the trainer's group in the URL: NotFound (404, logged) when the actor may not use it —
 * another group's or organisation's board looks like none.
 */
export async function requireBoard(db: Db | Tx, actor: Actor, groupId: string): Promise<BoardScope> {
	const board = await findBoard(db, actor, groupId);
	if (board) return board;
	await recordRefusal(db, actor, { type: 'board', id: groupId });
	throw new NotFound('board');
}

/**
 * A post or reply, when its group's board is one the actor may use (and, with `inGroup` from a
 * trainer's URL, is that group's): NotFound (logged) otherwise. A post another participant is still
 * waiting with, or one a trainer removed, exists only for its author and the trainers.
 */
export async function requireBoardPost(
	db: Db | Tx,
	actor: Actor,
	postId: string,
	inGroup?: string
): Promise<BoardPostScope> {
	const found = isUuid(postId) ? await findPost(db, actor, postId) : null;
	const visible =
		found &&
		(inGroup === undefined || found.board.groupId === inGroup) &&
		(found.board.moderator ||
			found.post.authorPersonId === actor.personId ||
			found.post.status === 'visible' ||
			found.post.status === 'hidden');
	if (visible) return found;
	await recordRefusal(db, actor, { type: 'board_post', id: postId }, 'U');
	throw new NotFound('board_post');
}

async function findPost(db: Db | Tx, actor: Actor, postId: string): Promise<BoardPostScope | null> {
	if (!actor.organisationId) return null;
	const joins = actorJoins(actor);
	const [row] = await db
		.select({
			...groupColumns,
			postId: boardPost.id,
			parentId: boardPost.parentId,
			authorPersonId: boardPost.authorPersonId,
			status: boardPost.status
		})
		.from(boardPost)
		.innerJoin(courseGroup, eq(courseGroup.id, boardPost.groupId))
		.leftJoin(groupTrainer, joins.trainer)
		.leftJoin(groupMember, joins.member)
		.where(and(eq(boardPost.id, postId), eq(courseGroup.organisationId, actor.organisationId)))
		.limit(1);
	const board = scopeOf(actor, row);
	if (!row || !board) return null;
	return {
		board,
		post: { id: row.postId, parentId: row.parentId, authorPersonId: row.authorPersonId, status: row.status }
	};
}

/**
 * The group whose board switch the coordinator sets: NotFound (logged) unless it is a group of the
 * coordinator's own organisation.
 */
export async function requireBoardSettings(
	db: Db | Tx,
	actor: Actor,
	groupId: string
): Promise<{ groupId: string }> {
	const [row] =
		actor.organisationId && isUuid(groupId)
			? await db
					.select({ id: courseGroup.id, organisationId: courseGroup.organisationId })
					.from(courseGroup)
					.where(and(eq(courseGroup.id, groupId), eq(courseGroup.organisationId, actor.organisationId)))
			: [];
	if (row && canManageOrganisation(actor, row.organisationId)) return { groupId: row.id };
	await recordRefusal(db, actor, { type: 'group', id: groupId }, 'U');
	throw new NotFound('group');
}
