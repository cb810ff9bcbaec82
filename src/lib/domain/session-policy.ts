/**
 * How long a session lasts, per kind of person. Pure functions; the numbers come from configuration
 * (README: SESSION_* variables). Staff handle many people's data: short idle time and a second factor.
 */
import type { Role } from './policy';

export interface SessionLimits {
	/** Signed out after this long without a request. */
	idleMs: number;
	/** Signed out this long after signing in, whatever happens. */
	absoluteMs: number;
}

export interface SessionTimes {
	staff: SessionLimits;
	participant: SessionLimits;
}

/** Roles that work with other people's data: they sign in with two factors and time out sooner. */
export function isStaff(role: Role): boolean {
	return role === 'trainer' || role === 'coordinator' || role === 'researcher' || role === 'platform_admin';
}

/** Who must prove a second factor before a session may use their area: staff (PRODUCT.md, NEN 7510). */
export function needsSecondFactor(role: Role): boolean {
	return isStaff(role);
}

/** The limits that apply to a role. */
export function limitsFor(role: Role, times: SessionTimes): SessionLimits {
	return isStaff(role) ? times.staff : times.participant;
}

/** The moment a session ends if nothing happens: the idle limit, capped by the absolute limit. */
export function sessionEndsAt(
	session: { lastSeenAt: Date; expiresAt: Date },
	limits: Pick<SessionLimits, 'idleMs'>
): Date {
	const idleEnd = session.lastSeenAt.getTime() + limits.idleMs;
	return new Date(Math.min(idleEnd, session.expiresAt.getTime()));
}

/** Whether a session still holds at `now`. */
export function isSessionLive(
	session: { lastSeenAt: Date; expiresAt: Date },
	limits: Pick<SessionLimits, 'idleMs'>,
	now: Date
): boolean {
	return now.getTime() < sessionEndsAt(session, limits).getTime();
}

/** How long before the end the "stay signed in?" warning shows: two minutes at least (WCAG 2.2.1). */
export const WARNING_BEFORE_END_MS = 3 * 60 * 1000;

/**
 * Whether a request should refresh `lastSeenAt`. Writing on every request would cost a database
 * write each time; once a minute keeps the idle timeout accurate to a minute.
 */
export function needsTouch(lastSeenAt: Date, now: Date): boolean {
	return now.getTime() - lastSeenAt.getTime() >= 60_000;
}
