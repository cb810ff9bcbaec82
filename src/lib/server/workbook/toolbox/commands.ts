/**
 * The coping toolbox, written by its participant: a suggestion put in the box with one tap, a way
 * of their own added, changed or taken out, and how well each works for them (1–5). Each asks
 * access/toolbox.ts first (only the participant, only their own box: anything else is NotFound,
 * logged), then writes in one transaction with its access-log row.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { OWN_TOOLS_MAX, type Rating } from '$lib/domain/toolbox';
import type { Actor } from '$lib/domain/policy';
import { requireOwnCopingTool, requireOwnWorkbook } from '../../access';
import { record } from '../../audit/record';
import type { Tx } from '../../db/client';
import type { Db } from '../../db/client';
import { copingTool, person } from '../../db/schema';
import { Conflict, Invalid, NotFound } from '../../errors';
import { claimFormKey } from '../../idempotency';
import { ownToolInput } from './schema';
import { suggestion } from './suggestions';

/** The access-log row of a change to one tool of the participant's own box. */
async function recordChange(
	tx: Tx,
	actor: Actor,
	eventType: 'toolbox.create' | 'toolbox.update' | 'toolbox.remove',
	toolId: string
): Promise<void> {
	await record(tx, {
		eventType,
		action: eventType === 'toolbox.create' ? 'C' : eventType === 'toolbox.update' ? 'U' : 'D',
		actor,
		participantId: actor.personId,
		object: { type: 'coping_tool', id: toolId }
	});
}

/**
 * Puts a suggestion of content/toolbox in the participant's box. A suggestion is in a box once: a
 * second tap answers with the same tool (`added: false`) and writes nothing. Invalid for a key that
 * names no suggestion.
 */
export async function addSuggestion(
	db: Db,
	actor: Actor,
	input: { suggestionKey: string }
): Promise<{ id: string; added: boolean }> {
	const own = await requireOwnWorkbook(db, actor, 'toolbox', 'C');
	if (!suggestion(input.suggestionKey)) throw new Invalid('idee', 'toolbox_suggestion_unknown');
	return db.transaction(async (tx) => {
		const [inserted] = await tx
			.insert(copingTool)
			.values({ personId: own.participantId, suggestionKey: input.suggestionKey })
			.onConflictDoNothing()
			.returning({ id: copingTool.id });
		if (inserted) {
			await recordChange(tx, actor, 'toolbox.create', inserted.id);
			return { id: inserted.id, added: true };
		}
		const [there] = await tx
			.select({ id: copingTool.id })
			.from(copingTool)
			.where(
				and(
					eq(copingTool.personId, own.participantId),
					isNotNull(copingTool.suggestionKey),
					eq(copingTool.suggestionKey, input.suggestionKey)
				)
			);
		if (!there) throw new Conflict('toolbox_changed');
		return { id: there.id, added: false };
	});
}

/** The own text as the form's schema reads it: Invalid (under `tekst`) when it is not one. */
function ownText(text: string): string {
	const parsed = ownToolInput.safeParse({ text });
	if (parsed.success) return parsed.data.text;
	throw new Invalid('tekst', parsed.error.issues[0]?.message ?? 'invalid');
}

/**
 * Adds a way of coping in the participant's own words. At most OWN_TOOLS_MAX of their own
 * (Conflict `toolbox_full`); with the form's key, a resend adds nothing and answers the first id.
 */
export async function addOwnTool(
	db: Db,
	actor: Actor,
	input: { text: string; key?: string | null }
): Promise<string> {
	const own = await requireOwnWorkbook(db, actor, 'toolbox', 'C');
	const text = ownText(input.text);
	return db.transaction(async (tx) => {
		const id = randomUUID();
		const first = await claimFormKey(
			tx,
			{ personId: actor.personId, action: 'toolbox.create', key: input.key },
			id
		);
		if (first) return first.result;
		// The participant's row, locked against a second add at the same moment (not against the rows
		// that point at it): two adds at once cannot both be the last one allowed.
		await tx
			.select({ id: person.id })
			.from(person)
			.where(eq(person.id, own.participantId))
			.for('no key update');
		const [mine] = await tx
			.select({ total: count() })
			.from(copingTool)
			.where(and(eq(copingTool.personId, own.participantId), isNull(copingTool.suggestionKey)));
		if ((mine?.total ?? 0) >= OWN_TOOLS_MAX) throw new Conflict('toolbox_full');
		await tx.insert(copingTool).values({ id, personId: own.participantId, ownText: text });
		await recordChange(tx, actor, 'toolbox.create', id);
		return id;
	});
}

/** Says how well a tool works for the participant (1–5). NotFound (logged) for a tool not theirs. */
export async function rateTool(db: Db, actor: Actor, toolId: string, rating: Rating): Promise<void> {
	await requireOwnCopingTool(db, actor, toolId, 'U');
	await db.transaction(async (tx) => {
		const [changed] = await tx
			.update(copingTool)
			.set({ rating })
			.where(and(eq(copingTool.id, toolId), eq(copingTool.personId, actor.personId)))
			.returning({ id: copingTool.id });
		// Taken out meanwhile (another tab): gone now.
		if (!changed) throw new NotFound('coping_tool');
		await recordChange(tx, actor, 'toolbox.update', toolId);
	});
}

/**
 * Changes the words of a way of the participant's own. A suggestion keeps its words (Conflict
 * `toolbox_not_own`); NotFound (logged) for a tool not theirs.
 */
export async function changeOwnTool(
	db: Db,
	actor: Actor,
	toolId: string,
	input: { text: string }
): Promise<void> {
	const { tool } = await requireOwnCopingTool(db, actor, toolId, 'U');
	if (tool.suggestionKey !== null) throw new Conflict('toolbox_not_own');
	const text = ownText(input.text);
	await db.transaction(async (tx) => {
		const [changed] = await tx
			.update(copingTool)
			.set({ ownText: text })
			.where(
				and(
					eq(copingTool.id, toolId),
					eq(copingTool.personId, actor.personId),
					isNull(copingTool.suggestionKey)
				)
			)
			.returning({ id: copingTool.id });
		if (!changed) throw new NotFound('coping_tool');
		await recordChange(tx, actor, 'toolbox.update', toolId);
	});
}

/** Takes a tool out of the participant's box (the page asked first). NotFound (logged) for one not theirs. */
export async function removeTool(db: Db, actor: Actor, toolId: string): Promise<void> {
	await requireOwnCopingTool(db, actor, toolId, 'D');
	await db.transaction(async (tx) => {
		const [removed] = await tx
			.delete(copingTool)
			.where(and(eq(copingTool.id, toolId), eq(copingTool.personId, actor.personId)))
			.returning({ id: copingTool.id });
		if (!removed) throw new NotFound('coping_tool');
		await recordChange(tx, actor, 'toolbox.remove', toolId);
	});
}
