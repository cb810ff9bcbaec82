/**
 * The group board, as it is read: one page of posts, newest first, each with its replies, its
 * supportive words with who gave them (never counts), and for the trainers the open reports.
 * Who sees what: everyone the shown and hidden posts (a hidden one without its text); the author
 * also their waiting and removed ones with the reason; the trainers everything. A trainer's read is
 * logged with the participants whose posts it showed. The writes are in ./commands.ts.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import {
	findBoard,
	isParticipant,
	isTrainer,
	requireBoard,
	requireBoardSettings,
	type BoardScope
} from '../access';
import type { Db } from '../db/client';
import { boardPost, boardReaction, boardReader, boardReport, boardSetting, person } from '../db/schema';
import type { ReactionWord } from './schema';
import { REACTION_WORDS } from './schema';

/** Posts on one page: one for a participant (one thing per screen), ten for a trainer. */
export const PARTICIPANT_PAGE_SIZE = 1;
export const TRAINER_PAGE_SIZE = 10;
/** Pages beyond this are not asked for: a board that old is read in its first pages. */
export const LAST_PAGE = 500;

type Status = 'visible' | 'waiting' | 'hidden' | 'removed';

export interface BoardEntry {
	id: string;
	/** Null when the reader may not see it: hidden (for others) or removed. */
	text: string | null;
	status: Status;
	/** The trainer's reason, for the author and the trainers of a hidden or removed post. */
	reason: string | null;
	createdAt: Date;
	authorName: string;
	/** Written by a trainer; a peer expert is marked as one. */
	byTrainer: boolean;
	byPeerExpert: boolean;
	/** Put on the board from the group session's live wall. */
	fromSession: boolean;
	mine: boolean;
	/** Open reports (trainers only; 0 for participants). */
	reports: number;
	reportedByMe: boolean;
}

export interface BoardPostView extends BoardEntry {
	/** Per supportive word, who gave it (the reader as `mine`), in the order given. */
	reactions: { word: ReactionWord; names: string[]; mine: boolean }[];
	replies: BoardEntry[];
}

export interface BoardPage {
	board: { groupId: string; groupName: string; moderator: boolean };
	posts: BoardPostView[];
	page: number;
	hasOlder: boolean;
	rulesSeen: boolean;
}

/** What the reader may see of the board's rows (see the module comment). */
function visibleTo(actor: Actor, board: BoardScope): SQL | undefined {
	if (board.moderator) return undefined;
	return or(inArray(boardPost.status, ['visible', 'hidden']), eq(boardPost.authorPersonId, actor.personId));
}

const entryColumns = {
	id: boardPost.id,
	parentId: boardPost.parentId,
	body: boardPost.body,
	status: boardPost.status,
	reason: boardPost.moderationReason,
	kind: boardPost.kind,
	createdAt: boardPost.createdAt,
	authorPersonId: boardPost.authorPersonId,
	authorName: person.displayName,
	authorRole: person.role,
	authorIsPeerExpert: person.isPeerExpert
};

/** The participant's own group's board (null: in no group); the rules come first on first use. */
export async function ownBoard(db: Db, actor: Actor, page: number): Promise<BoardPage | null> {
	const board = await findBoard(db, actor);
	if (!board) return null;
	const [reader] = await db
		.insert(boardReader)
		.values({ personId: actor.personId, lastVisitAt: new Date() })
		.onConflictDoUpdate({ target: boardReader.personId, set: { lastVisitAt: new Date() } })
		.returning({ rulesSeenAt: boardReader.rulesSeenAt });
	return readBoard(db, actor, board, page, PARTICIPANT_PAGE_SIZE, reader?.rulesSeenAt != null);
}

/**
 * The board of the trainer's group in the URL; with `onlyAttention`, only the posts that wait for
 * approval or have an open report (on themselves or a reply). NotFound (logged) unless the actor
 * trains the group.
 */
export async function groupBoard(
	db: Db,
	actor: Actor,
	groupId: string,
	page: number,
	onlyAttention = false
): Promise<BoardPage> {
	const board = await requireBoard(db, actor, groupId);
	return readBoard(
		db,
		actor,
		board,
		page,
		TRAINER_PAGE_SIZE,
		true,
		onlyAttention ? needsAttention : undefined
	);
}

/** A post that waits, or that has (or has a reply that has) a waiting reply or an open report. */
const needsAttention = sql`(${boardPost.status} = 'waiting' or exists (
	select 1 from board_post item
	where (item.id = ${boardPost.id} or item.parent_id = ${boardPost.id})
	  and (item.status = 'waiting'
	       or exists (select 1 from board_report r where r.post_id = item.id and r.handled_at is null))
))`;

async function readBoard(
	db: Db,
	actor: Actor,
	board: BoardScope,
	page: number,
	size: number,
	rulesSeen: boolean,
	filter?: SQL
): Promise<BoardPage> {
	const rows = await db
		.select(entryColumns)
		.from(boardPost)
		.innerJoin(person, eq(person.id, boardPost.authorPersonId))
		.where(
			and(eq(boardPost.groupId, board.groupId), isNull(boardPost.parentId), visibleTo(actor, board), filter)
		)
		.orderBy(desc(boardPost.createdAt), desc(boardPost.id))
		.limit(size + 1)
		.offset(Math.min(page, LAST_PAGE) * size);
	const shown = rows.slice(0, size);
	const ids = shown.map((row) => row.id);
	const [replies, reactions, reports] = ids.length
		? await Promise.all([
				db
					.select(entryColumns)
					.from(boardPost)
					.innerJoin(person, eq(person.id, boardPost.authorPersonId))
					.where(and(inArray(boardPost.parentId, ids), visibleTo(actor, board)))
					.orderBy(asc(boardPost.createdAt), asc(boardPost.id)),
				db
					.select({
						postId: boardReaction.postId,
						word: boardReaction.word,
						personId: boardReaction.personId,
						name: person.displayName
					})
					.from(boardReaction)
					.innerJoin(person, eq(person.id, boardReaction.personId))
					.where(inArray(boardReaction.postId, ids))
					.orderBy(asc(boardReaction.createdAt)),
				db
					.select({
						postId: boardReport.postId,
						open: sql<number>`count(*) filter (where ${boardReport.handledAt} is null)::int`,
						mine: sql<boolean>`bool_or(${boardReport.reporterPersonId} = ${actor.personId})`
					})
					.from(boardReport)
					.innerJoin(boardPost, eq(boardPost.id, boardReport.postId))
					.where(or(inArray(boardPost.id, ids), inArray(boardPost.parentId, ids)))
					.groupBy(boardReport.postId)
			])
		: [[], [], []];
	const entry = (row: (typeof rows)[number]): BoardEntry => {
		const mine = row.authorPersonId === actor.personId;
		const report = reports.find((found) => found.postId === row.id);
		const readable = row.status !== 'removed' && (row.status !== 'hidden' || mine || board.moderator);
		return {
			id: row.id,
			text: readable ? row.body : null,
			status: row.status,
			reason: mine || board.moderator ? row.reason : null,
			createdAt: row.createdAt,
			authorName: row.authorName,
			byTrainer: isTrainer({ role: row.authorRole }),
			byPeerExpert: isTrainer({ role: row.authorRole }) && row.authorIsPeerExpert,
			fromSession: row.kind === 'live_wall',
			mine,
			reports: board.moderator ? (report?.open ?? 0) : 0,
			reportedByMe: Boolean(report?.mine)
		};
	};
	const posts = shown.map((row): BoardPostView => ({
		...entry(row),
		reactions: REACTION_WORDS.map((word) => {
			const given = reactions.filter((reaction) => reaction.postId === row.id && reaction.word === word);
			return {
				word,
				names: given.filter((r) => r.personId !== actor.personId).map((r) => r.name),
				mine: given.some((r) => r.personId === actor.personId)
			};
		}),
		replies: replies.filter((reply) => reply.parentId === row.id).map(entry)
	}));
	if (board.moderator) {
		const authors = [...shown, ...replies]
			.filter((row) => isParticipant({ role: row.authorRole }))
			.map((row) => row.authorPersonId);
		if (authors.length > 0)
			await record(db, {
				eventType: 'board.read',
				action: 'R',
				actor,
				participantIds: [...new Set(authors)],
				object: { type: 'board', id: board.groupId }
			});
	}
	return {
		board: { groupId: board.groupId, groupName: board.groupName, moderator: board.moderator },
		posts,
		page,
		hasOlder: rows.length > size && page < LAST_PAGE,
		rulesSeen
	};
}

/** Whether the participant has seen the board's rules (shown before the board on first use). */
export async function boardRulesSeen(db: Db, actor: Actor): Promise<boolean> {
	const [row] = await db
		.select({ at: boardReader.rulesSeenAt })
		.from(boardReader)
		.where(eq(boardReader.personId, actor.personId));
	return row?.at != null;
}

/**
 * For the trainer's attention list: per group they train, how many posts have open reports and how
 * many wait for approval (counts only: the board shows the posts, and logs that read).
 */
export async function boardAttention(
	db: Db,
	actor: Actor
): Promise<{ groupId: string; groupName: string; reported: number; waiting: number }[]> {
	if (!isTrainer(actor) || !actor.organisationId) return [];
	const { rows } = await db.execute<{
		group_id: string;
		group_name: string;
		reported: number;
		waiting: number;
	}>(sql`
		select g.id as group_id, g.name as group_name,
		       (select count(distinct r.post_id)::int from board_report r
		        join board_post p on p.id = r.post_id
		        where p.group_id = g.id and r.handled_at is null) as reported,
		       (select count(*)::int from board_post p where p.group_id = g.id and p.status = 'waiting') as waiting
		from group_trainer t
		join course_group g on g.id = t.group_id
		where t.person_id = ${actor.personId} and g.organisation_id = ${actor.organisationId}
		order by g.name`);
	return rows
		.filter((row) => row.reported > 0 || row.waiting > 0)
		.map((row) => ({
			groupId: row.group_id,
			groupName: row.group_name,
			reported: row.reported,
			waiting: row.waiting
		}));
}

/** The coordinator's view of a group's board switch. NotFound (logged) for another organisation's group. */
export async function boardSettingOf(
	db: Db,
	actor: Actor,
	groupId: string
): Promise<{ approveFirst: boolean }> {
	const group = await requireBoardSettings(db, actor, groupId);
	const [row] = await db
		.select({ approveFirst: boardSetting.approveFirst })
		.from(boardSetting)
		.where(eq(boardSetting.groupId, group.groupId));
	return { approveFirst: row?.approveFirst ?? false };
}
