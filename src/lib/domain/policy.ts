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
