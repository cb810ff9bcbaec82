/**
 * The support network, written by its participant: someone added, changed or taken out. Each asks
 * access/toolbox.ts first (only the participant, only their own network: anything else is NotFound,
 * logged), then writes in one transaction with its access-log row.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { NETWORK_MAX } from '$lib/domain/toolbox';
import type { Actor } from '$lib/domain/policy';
import { requireOwnSupportPerson, requireOwnWorkbook } from '../../access';
import { record } from '../../audit/record';
import type { Db, Tx } from '../../db/client';
import { person, supportPerson } from '../../db/schema';
import { Conflict, Invalid, NotFound } from '../../errors';
import { claimFormKey } from '../../idempotency';
import { supporterInput, type SupporterInput } from './schema';

/** The form's Dutch field of each input key: an Invalid names the field the page shows it under. */
const FIELD_OF: Record<string, string> = { name: 'naam', kinds: 'steun', frequency: 'contact' };

/** The input as the form's schema reads it: Invalid (under the field's name) when it is not one. */
function checked(input: SupporterInput): SupporterInput {
	const parsed = supporterInput.safeParse(input);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	throw new Invalid(FIELD_OF[String(issue?.path[0])] ?? 'form', issue?.message ?? 'invalid');
}

async function recordChange(
	tx: Tx,
	actor: Actor,
	eventType: 'network.create' | 'network.update' | 'network.remove',
	supporterId: string
): Promise<void> {
	await record(tx, {
		eventType,
		action: eventType === 'network.create' ? 'C' : eventType === 'network.update' ? 'U' : 'D',
		actor,
		participantId: actor.personId,
		object: { type: 'support_person', id: supporterId }
	});
}

/**
 * Adds someone to the participant's network. At most NETWORK_MAX people (Conflict `network_full`);
 * with the form's key, a resend adds nothing and answers the first id.
 */
export async function addSupporter(
	db: Db,
	actor: Actor,
	input: SupporterInput & { key?: string | null }
): Promise<string> {
	const own = await requireOwnWorkbook(db, actor, 'network', 'C');
	const values = checked(input);
	return db.transaction(async (tx) => {
		const id = randomUUID();
		const first = await claimFormKey(
			tx,
			{ personId: actor.personId, action: 'network.create', key: input.key },
			id
		);
		if (first) return first.result;
		// The participant's row, locked against a second add at the same moment (see toolbox/commands.ts).
		await tx
			.select({ id: person.id })
			.from(person)
			.where(eq(person.id, own.participantId))
			.for('no key update');
		const [all] = await tx
			.select({ total: count() })
			.from(supportPerson)
			.where(eq(supportPerson.personId, own.participantId));
		if ((all?.total ?? 0) >= NETWORK_MAX) throw new Conflict('network_full');
		await tx.insert(supportPerson).values({ id, personId: own.participantId, ...values });
		await recordChange(tx, actor, 'network.create', id);
		return id;
	});
}

/** Changes who someone is, what they do and how often. NotFound (logged) for anyone not in the network. */
export async function changeSupporter(
	db: Db,
	actor: Actor,
	supporterId: string,
	input: SupporterInput
): Promise<void> {
	await requireOwnSupportPerson(db, actor, supporterId, 'U');
	const values = checked(input);
	await db.transaction(async (tx) => {
		const [changed] = await tx
			.update(supportPerson)
			.set(values)
			.where(and(eq(supportPerson.id, supporterId), eq(supportPerson.personId, actor.personId)))
			.returning({ id: supportPerson.id });
		// Taken out meanwhile (another tab): gone now.
		if (!changed) throw new NotFound('support_person');
		await recordChange(tx, actor, 'network.update', supporterId);
	});
}

/** Takes someone out of the network (the page asked first). NotFound (logged) for anyone not in it. */
export async function removeSupporter(db: Db, actor: Actor, supporterId: string): Promise<void> {
	await requireOwnSupportPerson(db, actor, supporterId, 'D');
	await db.transaction(async (tx) => {
		const [removed] = await tx
			.delete(supportPerson)
			.where(and(eq(supportPerson.id, supporterId), eq(supportPerson.personId, actor.personId)))
			.returning({ id: supportPerson.id });
		if (!removed) throw new NotFound('support_person');
		await recordChange(tx, actor, 'network.remove', supporterId);
	});
}
