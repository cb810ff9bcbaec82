/**
 * Who may do what: pure rules, unit-tested as tables (policy.test.ts). Areas are checked by
 * `requireArea` ($lib/server/auth/guard.ts); objects by `$lib/server/access`, which loads what a rule
 * needs in one query and asks these functions. They are the enforced policy, not documentation.
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

export type Area = 'participant' | 'trainer' | 'admin' | 'significant_other' | 'research' | 'account';

const areaOfRole: Record<Role, Area> = {
	participant: 'participant',
	trainer: 'trainer',
	coordinator: 'admin',
	significant_other: 'significant_other',
	// The research export's page (/onderzoek): the organisation's studies, one download each.
	researcher: 'research',
	// This role gets its own area in a later issue; until then it sees its account page.
	platform_admin: 'account'
};

const homeOfArea: Record<Area, string> = {
	participant: '/',
	trainer: '/trainer',
	admin: '/beheer',
	significant_other: '/naaste',
	research: '/onderzoek',
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

/** What a check about one participant's data needs to know (loaded by the access module's one query). */
export interface ParticipantContext {
	/** The participant whose data it is. */
	participantId: string;
	organisationId: string | null;
	/** Whether the acting trainer trains the group the participant is in now (not a group they left). */
	actorTrainsParticipant: boolean;
	/** Whether the participant shared this kind of data with the acting significant other. */
	sharedWithActor: boolean;
}

/**
 * Who may see one participant's own data (goals, check-ins, answers, messages, plan): the participant;
 * a trainer of the group they are in now; a significant other only what the participant shared.
 *
 * Decided for issue 16 (and enforced, through `$lib/server/access`):
 * - **Coordinators do not** read one participant's own data. They run the organisation — people,
 *   groups, accounts, login cards, the access log, counts per group — and need none of it (data
 *   minimisation, AVG art. 5); the trainers who work with the person do.
 * - **Trainers of a group the participant left do not**: access follows the group the participant is
 *   in now, so a move to another group hands their data to the new trainers.
 *
 * Researchers never see one person's data (only pseudonymised exports), and platform admins neither.
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
		case 'significant_other':
			return sameOrganisation && data.sharedWithActor;
		case 'coordinator':
		case 'researcher':
		case 'platform_admin':
			return false;
	}
}

/** Who may change a participant's data on their behalf: the participant and the trainers of their group. */
export function canWriteForParticipant(
	actor: Pick<Actor, 'role' | 'personId' | 'organisationId'>,
	data: ParticipantContext
): boolean {
	if (actor.role === 'participant') return actor.personId === data.participantId;
	return actor.role === 'trainer' && canSeeParticipantData(actor, data);
}

/** What a check about one participant's relapse-prevention plan needs to know. */
export interface PlanContext extends ParticipantContext {
	/** The participant lets the trainers of their group read the plan (their own switch). */
	sharedWithCareTeam: boolean;
}

/**
 * Who may read a participant's relapse-prevention plan: the participant; a significant other they
 * shared it with; a trainer of their group now only when the participant shares it with the care
 * team. Coordinators never.
 */
export function canReadPlan(
	actor: Pick<Actor, 'role' | 'personId' | 'organisationId'>,
	plan: PlanContext
): boolean {
	if (actor.role === 'trainer') return plan.sharedWithCareTeam && canSeeParticipantData(actor, plan);
	return canSeeParticipantData(actor, plan);
}

/**
 * Who decides with whom a participant's plan and goal are shared, and writes the plan: the participant
 * alone (their own switches; nobody shares on their behalf).
 */
export function canManageOwnSharing(actor: Pick<Actor, 'role' | 'personId'>, participantId: string): boolean {
	return actor.role === 'participant' && actor.personId === participantId;
}

/**
 * Who keeps a personal workbook part of their own (the coping toolbox, the support network): a
 * participant of an organisation, only their own. Nobody writes in it for them; their trainers
 * read it through canSeeParticipantData.
 */
export function canKeepOwnWorkbook(actor: Pick<Actor, 'role' | 'organisationId'>): boolean {
	return actor.role === 'participant' && actor.organisationId !== null;
}

/** What a check about one group needs to know. */
export interface GroupContext {
	organisationId: string;
	/** Whether the acting person is one of the group's trainers. */
	actorTrainsGroup: boolean;
}

/** Who may work in a group's course, sessions, messages and home practice: its own trainers. */
export function canTrainGroup(actor: Pick<Actor, 'role' | 'organisationId'>, group: GroupContext): boolean {
	return actor.role === 'trainer' && actor.organisationId === group.organisationId && group.actorTrainsGroup;
}

/** What a check about one group's board needs to know. */
export interface BoardContext extends GroupContext {
	/** Whether the acting person is a participant of the group now (their current group). */
	actorInGroup: boolean;
}

/**
 * Who may read and write a group's board: the participants in the group now and its own trainers.
 * Coordinators set its "approve first" switch (canManageOrganisation) but do not read it; a
 * participant who moved sees their new group's board, never the old one's.
 */
export function canUseGroupBoard(
	actor: Pick<Actor, 'role' | 'organisationId'>,
	board: BoardContext
): boolean {
	if (actor.organisationId !== board.organisationId) return false;
	if (actor.role === 'participant') return board.actorInGroup;
	return canTrainGroup(actor, board);
}

/**
 * Who may take part in a group's shared spaces (live mode in the session, later the group board): the
 * participants who are members of it now, in its organisation. Trainers work in it through
 * canTrainGroup; nobody else takes part.
 */
export function canTakePartInGroup(
	actor: Pick<Actor, 'role' | 'organisationId'>,
	group: { organisationId: string; actorIsMember: boolean }
): boolean {
	return actor.role === 'participant' && actor.organisationId === group.organisationId && group.actorIsMember;
}

/**
 * Who may keep a group's calendar (move, cancel, restore and add sessions; generate one): the
 * coordinators of its organisation and the group's own trainers. Attendance, planning and home
 * practice stay with the trainers (canTrainGroup).
 */
export function canKeepCalendar(actor: Pick<Actor, 'role' | 'organisationId'>, group: GroupContext): boolean {
	return canManageOrganisation(actor, group.organisationId) || canTrainGroup(actor, group);
}

/**
 * Who may fill in, change and read a group's fidelity self-assessment (modeltrouw) and the evidence
 * Herstelpad proposes its scores from: the group's own trainers and its organisation's coordinators.
 * The evidence is counts per group, never one participant's data.
 */
export function canAssessFidelity(
	actor: Pick<Actor, 'role' | 'organisationId'>,
	group: GroupContext
): boolean {
	return canManageOrganisation(actor, group.organisationId) || canTrainGroup(actor, group);
}

/**
 * Who may read a group's use figures (counts per component, never one person's): the group's own
 * trainers, with the counts as they are, and its organisation's coordinators, with small counts
 * hidden (usageCountsHidden).
 */
export function canSeeGroupUsage(
	actor: Pick<Actor, 'role' | 'organisationId'>,
	group: GroupContext
): boolean {
	return canManageOrganisation(actor, group.organisationId) || canTrainGroup(actor, group);
}

/** Whether counts of 1 to 4 are hidden from this reader of use figures: everyone but the group's trainers. */
export function usageCountsHidden(actor: Pick<Actor, 'role'>): boolean {
	return actor.role !== 'trainer';
}

/**
 * Who may run an organisation (people, groups, accounts, login cards, media, the access log): its
 * coordinators. Trainers run their own groups only (canTrainGroup).
 */
export function canManageOrganisation(
	actor: Pick<Actor, 'role' | 'organisationId'>,
	organisationId: string
): boolean {
	return actor.role === 'coordinator' && actor.organisationId === organisationId;
}

/** Staff of an organisation (trainers and coordinators): may see its people's names and its groups. */
export function isStaffOf(actor: Pick<Actor, 'role' | 'organisationId'>, organisationId: string): boolean {
	return (
		(actor.role === 'trainer' || actor.role === 'coordinator') && actor.organisationId === organisationId
	);
}

/** Researchers export pseudonymised data of their own organisation; nobody else exports for research. */
export function canExportPseudonymised(
	actor: Pick<Actor, 'role' | 'organisationId'>,
	organisationId: string
): boolean {
	return actor.role === 'researcher' && actor.organisationId === organisationId;
}

/**
 * Who sees an organisation's research studies (names and dates, never a key): its coordinator, who
 * creates them, and its researchers, who export them. Only researchers export (canExportPseudonymised).
 */
export function canSeeStudies(
	actor: Pick<Actor, 'role' | 'organisationId'>,
	organisationId: string
): boolean {
	return (
		(actor.role === 'coordinator' || actor.role === 'researcher') && actor.organisationId === organisationId
	);
}
