/**
 * "Wie kan wat van mij zien": everyone linked to a participant and exactly what each can see, read
 * from the same tables the access checks read (the group's trainers, the naaste links and the
 * consents), so the screen cannot promise something the checks do not do.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { requireOwnPrivacy } from '../access';
import type { Db } from '../db/client';
import { groupMember, groupTrainer, person, significantOtherLink } from '../db/schema';
import { consentStateOf } from './consent';

export interface Visibility {
	trainers: { name: string; peerExpert: boolean }[];
	naasten: { name: string; shareGoal: boolean }[];
	careTeam: boolean;
	naasteConsent: boolean;
	research: boolean;
}

/** At most this many of each (a group has a few trainers; a participant a few naasten). */
const SHOWN = 10;

export async function ownVisibility(db: Db, actor: Actor): Promise<Visibility> {
	const personId = requireOwnPrivacy(actor);
	const trainers = await db
		.selectDistinct({ id: person.id, name: person.displayName, peerExpert: person.isPeerExpert })
		.from(groupMember)
		.innerJoin(groupTrainer, eq(groupTrainer.groupId, groupMember.groupId))
		.innerJoin(person, eq(person.id, groupTrainer.personId))
		.where(and(eq(groupMember.personId, personId), isNull(groupMember.leftAt), isNull(person.deactivatedAt)))
		.orderBy(asc(person.displayName), asc(person.id))
		.limit(SHOWN);
	const naasten = await db
		.select({ name: significantOtherLink.description, shareGoal: significantOtherLink.shareGoal })
		.from(significantOtherLink)
		.where(and(eq(significantOtherLink.participantId, personId), isNull(significantOtherLink.endedAt)))
		.orderBy(asc(significantOtherLink.createdAt))
		.limit(SHOWN);
	const consents = await consentStateOf(db, personId);
	return {
		trainers: trainers.map(({ name, peerExpert }) => ({ name, peerExpert })),
		naasten,
		careTeam: consents.care_team,
		naasteConsent: consents.naaste,
		research: consents.research
	};
}
