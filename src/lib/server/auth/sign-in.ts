/**
 * The end of every sign-in method: a new session, the access-log row, the person's language, and
 * where to go next — staff without a second factor yet go to the second step first.
 */
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { homePathOf, type Actor } from '$lib/domain/policy';
import { needsSecondFactor } from '$lib/domain/session-policy';
import { record } from '../audit/record';
import { config } from '../config';
import type { Db } from '../db/client';
import { rememberLocale } from '../i18n';
import { preferredLocaleOf } from '../people/commands';
import { recordSignInFailure } from './events';
import { safeReturnPath } from './guard';
import { startSession, type SecondFactor, type SignInMethod } from './session';

/** Where a signed-in person goes: back where they came from, or their home. */
export function destinationOf(actor: Pick<Actor, 'role'>, terug: string | null | undefined): string {
	return safeReturnPath(terug) ?? homePathOf(actor.role);
}

/** The second-step page, remembering where to go afterwards. */
export function secondStepPath(terug: string | null | undefined): string {
	const back = safeReturnPath(terug);
	return `/inloggen/tweede-stap${back ? `?terug=${encodeURIComponent(back)}` : ''}`;
}

/**
 * Starts the session and logs the sign-in; returns the actor and where to go next (the second step
 * for staff who have not proven a second factor), or null when the person is unknown or inactive.
 */
export async function beginSession(
	db: Db,
	event: Pick<RequestEvent, 'cookies' | 'getClientAddress' | 'request'>,
	props: { userId: string; method: SignInMethod; secondFactor?: SecondFactor; terug?: string | null }
): Promise<{ actor: Actor; next: string } | null> {
	const settings = config();
	const started = await startSession(db, event.cookies, {
		userId: props.userId,
		method: props.method,
		secondFactor: props.secondFactor ?? null,
		secure: settings.secureCookies,
		times: settings.sessionTimes,
		ipAddress: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent')
	});
	if (!started) {
		// The method itself succeeded, but the account is switched off (or gone).
		await recordSignInFailure(db, 'account_inactive', { userId: props.userId });
		return null;
	}
	const { actor } = started;
	await record(db, {
		eventType: 'auth.sign_in',
		action: 'E',
		actor,
		object: { type: 'sign_in_method', id: props.method }
	});
	const locale = await preferredLocaleOf(db, actor.personId);
	if (locale) rememberLocale(event.cookies, locale, settings.secureCookies);
	const next =
		needsSecondFactor(actor.role) && !props.secondFactor
			? secondStepPath(props.terug)
			: destinationOf(actor, props.terug);
	return { actor, next };
}

/**
 * Starts the session and redirects (303) onwards. Returns only when the person is unknown or
 * deactivated, so the caller can show "account inactive".
 */
export async function finishSignIn(
	db: Db,
	event: Pick<RequestEvent, 'cookies' | 'getClientAddress' | 'request'>,
	props: { userId: string; method: SignInMethod; secondFactor?: SecondFactor; terug?: string | null }
): Promise<'inactive'> {
	const started = await beginSession(db, event, props);
	if (!started) return 'inactive';
	redirect(303, started.next);
}
