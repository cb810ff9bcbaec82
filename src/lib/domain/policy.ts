/**
 * Who may enter which area. Pure functions, unit-tested as a table (policy.test.ts); routes call
 * them through `requireArea` in $lib/server/auth/guard.ts. Object-level rules join here as the
 * capabilities that need them arrive.
 */
export const roles = [
	'participant',
	'trainer',
	'coordinator',
	'researcher',
	'significant_other',
	'platform_admin'
] as const;
export type Role = (typeof roles)[number];

/** The signed-in person acting in this request. */
export interface Actor {
	personId: string;
	userId: string;
	role: Role;
	displayName: string;
	isPeerExpert: boolean;
	organisationId: string | null;
	organisationName: string | null;
	organisationIsDemo: boolean;
}

export type Area = 'participant' | 'trainer' | 'admin' | 'account';

const areaOfRole: Record<Role, Area> = {
	participant: 'participant',
	trainer: 'trainer',
	coordinator: 'admin',
	// These roles get their own areas in later issues; until then they see their account page.
	researcher: 'account',
	significant_other: 'account',
	platform_admin: 'account'
};

const homeOfArea: Record<Area, string> = {
	participant: '/',
	trainer: '/trainer',
	admin: '/beheer',
	account: '/account'
};

/** The area a role works in. */
export function areaOf(role: Role): Area {
	return areaOfRole[role];
}

/** The first page a role sees after signing in. */
export function homePathOf(role: Role): string {
	return homeOfArea[areaOf(role)];
}

/** Whether `actor` may enter `area`: each role only its own area; everyone signed in may see their account. */
export function canEnter(actor: Pick<Actor, 'role'>, area: Area): boolean {
	return area === 'account' || areaOf(actor.role) === area;
}

/** What a check about one participant's data needs to know (loaded by the query that asks). */
export interface ParticipantContext {
	/** The participant whose data it is. */
	participantId: string;
	organisationId: string | null;
	/** Whether the acting trainer trains a group the participant is (or was) in. */
	actorTrainsParticipant: boolean;
	/** Whether the participant shared this kind of data with the acting significant other. */
	sharedWithActor: boolean;
}

/**
 * Who may see one participant's own data (goals, check-ins, answers, messages, plan):
 * the participant; a trainer of their group; a coordinator of their organisation; a significant
 * other only what the participant shared. Researchers never see one person's data (only
 * pseudonymised exports), and platform admins neither.
 */
export function canSeeParticipantData(
	actor: Pick<Actor, 'role' | 'personId' | 'organisationId'>,
	data: ParticipantContext
): boolean {
	const sameOrganisation = actor.organisationId !== null && actor.organisationId === data.organisationId;
	switch (actor.role) {
		case 'participant':
			return actor.personId === data.participantId;
		case 'trainer':
			return sameOrganisation && data.actorTrainsParticipant;
		case 'coordinator':
			return sameOrganisation;
		case 'significant_other':
			return sameOrganisation && data.sharedWithActor;
		case 'researcher':
		case 'platform_admin':
			return false;
	}
}

/** Who may change a participant's data on their behalf: the participant and their trainers. */
export function canWriteForParticipant(
	actor: Pick<Actor, 'role' | 'personId' | 'organisationId'>,
	data: ParticipantContext
): boolean {
	if (actor.role === 'participant') return actor.personId === data.participantId;
	return actor.role === 'trainer' && canSeeParticipantData(actor, data);
}

/** Researchers export pseudonymised data of their own organisation; nobody else exports for research. */
export function canExportPseudonymised(
	actor: Pick<Actor, 'role' | 'organisationId'>,
	organisationId: string
): boolean {
	return actor.role === 'researcher' && actor.organisationId === organisationId;
}
