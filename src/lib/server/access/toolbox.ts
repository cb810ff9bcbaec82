/**
 * The door of a participant's own coping toolbox and support network: only the participant keeps
 * them (canKeepOwnWorkbook), and a tool or a person in them is reached only by its owner. Anyone
 * else, and any id that is not theirs, gets NotFound with the refusal in the access log (naming what
 * was asked for, never whose it is). Trainers read them through requireParticipantAccess.
 */
import { and, eq } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canKeepOwnWorkbook, type Actor } from '$lib/domain/policy';
import type { AuditAction } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { copingTool, supportPerson } from '../db/schema';
import { NotFound } from '../errors';
import { recordRefusal } from './refusal';

/** The toolbox or the support network of the signed-in participant. */
export type OwnWorkbookPart = 'toolbox' | 'network';

/** Whose toolbox or network it is: the actor's own. */
export interface OwnWorkbook {
	participantId: string;
}

/**
 * The actor's own toolbox or network, when they keep one (a participant of an organisation);
 * otherwise NotFound, logged. No query: the actor carries what the rule needs.
 */
export async function requireOwnWorkbook(
	db: Db | Tx,
	actor: Actor,
	part: OwnWorkbookPart,
	action: AuditAction
): Promise<OwnWorkbook> {
	if (canKeepOwnWorkbook(actor)) return { participantId: actor.personId };
	await recordRefusal(db, actor, { type: part, id: actor.personId }, action);
	throw new NotFound(part);
}

/** A tool in the actor's own box, as it is now. */
export interface OwnCopingTool extends OwnWorkbook {
	tool: {
		id: string;
		suggestionKey: string | null;
		ownText: string | null;
		rating: number | null;
		createdAt: Date;
		updatedAt: Date;
	};
}

/** One tool of the actor's own box; NotFound (logged) for any other id. */
export async function requireOwnCopingTool(
	db: Db | Tx,
	actor: Actor,
	toolId: string,
	action: AuditAction
): Promise<OwnCopingTool> {
	const [tool] =
		canKeepOwnWorkbook(actor) && isUuid(toolId)
			? await db
					.select({
						id: copingTool.id,
						suggestionKey: copingTool.suggestionKey,
						ownText: copingTool.ownText,
						rating: copingTool.rating,
						createdAt: copingTool.createdAt,
						updatedAt: copingTool.updatedAt
					})
					.from(copingTool)
					.where(and(eq(copingTool.id, toolId), eq(copingTool.personId, actor.personId)))
			: [];
	if (tool) return { participantId: actor.personId, tool };
	await recordRefusal(db, actor, { type: 'coping_tool', id: toolId }, action);
	throw new NotFound('coping_tool');
}

/** Someone in the actor's own network, as they are now. */
export interface OwnSupportPerson extends OwnWorkbook {
	supporter: {
		id: string;
		name: string;
		kinds: ('practical' | 'talk' | 'crisis' | 'company')[];
		frequency: 'daily' | 'weekly' | 'monthly' | 'less';
	};
}

/** One person of the actor's own network; NotFound (logged) for any other id. */
export async function requireOwnSupportPerson(
	db: Db | Tx,
	actor: Actor,
	supporterId: string,
	action: AuditAction
): Promise<OwnSupportPerson> {
	const [supporter] =
		canKeepOwnWorkbook(actor) && isUuid(supporterId)
			? await db
					.select({
						id: supportPerson.id,
						name: supportPerson.name,
						kinds: supportPerson.kinds,
						frequency: supportPerson.frequency
					})
					.from(supportPerson)
					.where(and(eq(supportPerson.id, supporterId), eq(supportPerson.personId, actor.personId)))
			: [];
	if (supporter) return { participantId: actor.personId, supporter };
	await recordRefusal(db, actor, { type: 'support_person', id: supporterId }, action);
	throw new NotFound('support_person');
}
