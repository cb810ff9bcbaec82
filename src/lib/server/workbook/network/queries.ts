/**
 * The support network, read: the participant's own (their own read, not logged), one person of it,
 * and `networkOf` for the participant and the trainers of their group now (the printable
 * workbook), which logs its read.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { CONTACT_FREQUENCIES, type ContactFrequency, type SupportKind } from '$lib/domain/toolbox';
import type { Actor } from '$lib/domain/policy';
import { requireOwnSupportPerson, requireOwnWorkbook, requireParticipantAccess } from '../../access';
import { record } from '../../audit/record';
import type { Db, Tx } from '../../db/client';
import { supportPerson } from '../../db/schema';

/** Someone in a participant's network. */
export interface SupporterView {
	id: string;
	/** A name or who they are to the participant ("mijn zus"), in the participant's words. */
	name: string;
	kinds: SupportKind[];
	frequency: ContactFrequency;
}

/** A network, closest first (daily, weekly, monthly, less), then in the order they were added. */
export async function networkRows(db: Db | Tx, participantId: string): Promise<SupporterView[]> {
	const ring = sql`array_position(array[${sql.join(
		CONTACT_FREQUENCIES.map((frequency) => sql`${frequency}`),
		sql`, `
	)}]::contact_frequency[], ${supportPerson.frequency})`;
	return db
		.select({
			id: supportPerson.id,
			name: supportPerson.name,
			kinds: supportPerson.kinds,
			frequency: supportPerson.frequency
		})
		.from(supportPerson)
		.where(eq(supportPerson.personId, participantId))
		.orderBy(ring, asc(supportPerson.createdAt), desc(supportPerson.id));
}

/** The signed-in participant's own network (NotFound, logged, for anyone who keeps none). */
export async function ownNetwork(db: Db, actor: Actor): Promise<SupporterView[]> {
	const own = await requireOwnWorkbook(db, actor, 'network', 'R');
	return networkRows(db, own.participantId);
}

/** One person of the participant's own network; NotFound (logged) for any other id. */
export async function ownSupporter(db: Db, actor: Actor, supporterId: string): Promise<SupporterView> {
	return (await requireOwnSupportPerson(db, actor, supporterId, 'R')).supporter;
}

/**
 * A participant's network for the participant and for a trainer of the group they are in now (the
 * printable workbook): every read is in the access log. NotFound (logged) for anyone else.
 */
export async function networkOf(
	db: Db,
	actor: Actor,
	participantId: string
): Promise<{ participantId: string; participantName: string; people: SupporterView[] }> {
	const scope = await requireParticipantAccess(db, actor, participantId, 'read');
	return db.transaction(async (tx) => {
		const people = await networkRows(tx, participantId);
		await record(tx, {
			eventType: 'network.read',
			action: 'R',
			actor,
			participantId,
			object: { type: 'network', id: participantId }
		});
		return { participantId, participantName: scope.participantName, people };
	});
}
