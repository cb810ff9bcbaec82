/**
 * The coping toolbox, read: the participant's own box and one tool of it (their own reads, not
 * logged, like their goals), the suggestions with whether each is in the box, and `toolboxOf` for
 * the participant and the trainers of their group now (the printable workbook), which logs its read.
 */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { isRating, type Rating } from '$lib/domain/toolbox';
import type { Actor } from '$lib/domain/policy';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime';
import { requireOwnCopingTool, requireOwnWorkbook, requireParticipantAccess } from '../../access';
import { record } from '../../audit/record';
import type { Db, Tx } from '../../db/client';
import { copingTool } from '../../db/schema';
import { suggestion, suggestions } from './suggestions';

/** One way of coping in a participant's box, in the reader's language. */
export interface ToolView {
	id: string;
	/** The suggestion it is (content/toolbox), or null for the participant's own words. */
	suggestionKey: string | null;
	/** What it is called: the suggestion's title, or the participant's own words. */
	title: string;
	/** A suggestion's short explanation; null for the participant's own. */
	text: string | null;
	/** How well it works for them; null until they say. */
	rating: Rating | null;
	createdAt: Date;
	updatedAt: Date;
}

interface ToolRow {
	id: string;
	suggestionKey: string | null;
	ownText: string | null;
	rating: number | null;
	createdAt: Date;
	updatedAt: Date;
}

const toolColumns = {
	id: copingTool.id,
	suggestionKey: copingTool.suggestionKey,
	ownText: copingTool.ownText,
	rating: copingTool.rating,
	createdAt: copingTool.createdAt,
	updatedAt: copingTool.updatedAt
};

function viewOf(row: ToolRow, locale: Locale): ToolView {
	const from = row.suggestionKey === null ? undefined : suggestion(row.suggestionKey);
	return {
		id: row.id,
		suggestionKey: row.suggestionKey,
		// A suggestion taken out of content/toolbox since: its place in the box stays, named as such.
		title: row.ownText ?? from?.title[locale] ?? m.toolbox_suggestion_gone({}, { locale }),
		text: from?.text[locale] ?? null,
		rating: isRating(row.rating) ? row.rating : null,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt
	};
}

/** A participant's box, best first: the highest rated, then the ones without a rating, oldest first. */
export async function toolsOf(db: Db | Tx, participantId: string, locale: Locale): Promise<ToolView[]> {
	const rows = await db
		.select(toolColumns)
		.from(copingTool)
		.where(eq(copingTool.personId, participantId))
		.orderBy(sql`${copingTool.rating} desc nulls last`, asc(copingTool.createdAt), desc(copingTool.id));
	return rows.map((row) => viewOf(row, locale));
}

/** The signed-in participant's own box (NotFound, logged, for anyone who keeps none). */
export async function ownToolbox(db: Db, actor: Actor, locale: Locale): Promise<ToolView[]> {
	const own = await requireOwnWorkbook(db, actor, 'toolbox', 'R');
	return toolsOf(db, own.participantId, locale);
}

/** One tool of the participant's own box; NotFound (logged) for any other id. */
export async function ownTool(db: Db, actor: Actor, toolId: string, locale: Locale): Promise<ToolView> {
	const { tool } = await requireOwnCopingTool(db, actor, toolId, 'R');
	return viewOf(tool, locale);
}

/** A suggestion as the ideas page shows it, with the tool it already is in the box. */
export interface SuggestionView {
	key: string;
	module: 8 | 9;
	title: string;
	text: string;
	/** The tool in the participant's box, when it is there. */
	toolId: string | null;
}

/** Every suggestion in the reader's language, each with whether it is in the participant's box. */
export async function suggestionsFor(db: Db, actor: Actor, locale: Locale): Promise<SuggestionView[]> {
	const own = await requireOwnWorkbook(db, actor, 'toolbox', 'R');
	const chosen = await db
		.select({ id: copingTool.id, key: copingTool.suggestionKey })
		.from(copingTool)
		.where(and(eq(copingTool.personId, own.participantId), isNotNull(copingTool.suggestionKey)));
	const toolOf = new Map(chosen.map((row) => [row.key, row.id]));
	return suggestions().map((item) => ({
		key: item.key,
		module: item.module,
		title: item.title[locale],
		text: item.text[locale],
		toolId: toolOf.get(item.key) ?? null
	}));
}

/**
 * A participant's box for the participant and for a trainer of the group they are in now (the
 * printable workbook, a trainer printing it for them): every read is in the access log. NotFound
 * (logged) for anyone else.
 */
export async function toolboxOf(
	db: Db,
	actor: Actor,
	participantId: string,
	locale: Locale
): Promise<{ participantId: string; participantName: string; tools: ToolView[] }> {
	const scope = await requireParticipantAccess(db, actor, participantId, 'read');
	return db.transaction(async (tx) => {
		const tools = await toolsOf(tx, participantId, locale);
		await record(tx, {
			eventType: 'toolbox.read',
			action: 'R',
			actor,
			participantId,
			object: { type: 'toolbox', id: participantId }
		});
		return { participantId, participantName: scope.participantName, tools };
	});
}
