import { getRequestEvent } from '$app/server';
import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { account, session, user, verification } from '../db/schema';
import { hashPassword, verifyPassword } from './password';
import { loadActor } from './actor';
import { SESSION_SECONDS } from './session';

/** The error code a sign-in gets when the password is right but the person is deactivated or unknown. */
export const ACCOUNT_INACTIVE = 'ACCOUNT_INACTIVE';

/** Builds the better-auth instance on a database. Sign-up is closed: accounts are made by staff or the seed. */
export function createAuth(db: Db, config: Config, secret: string) {
	return betterAuth({
		appName: 'Herstelpad',
		baseURL: config.origin,
		secret,
		database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
		emailAndPassword: {
			enabled: true,
			disableSignUp: true,
			minPasswordLength: 8,
			maxPasswordLength: 128,
			password: {
				hash: hashPassword,
				verify: ({ hash, password }) => verifyPassword(hash, password)
			}
		},
		session: {
			expiresIn: SESSION_SECONDS,
			updateAge: 60 * 15
		},
		advanced: {
			useSecureCookies: config.secureCookies,
			cookiePrefix: 'herstelpad',
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies }
		},
		databaseHooks: {
			session: {
				create: {
					// Only an active person gets a session, whatever the login method.
					before: async (newSession) => {
						if (!(await loadActor(db, newSession.userId))) {
							throw new APIError('FORBIDDEN', { message: ACCOUNT_INACTIVE, code: ACCOUNT_INACTIVE });
						}
					}
				}
			}
		},
		telemetry: { enabled: false },
		// Must stay last: it copies better-auth's Set-Cookie headers onto SvelteKit's cookies in form actions.
		plugins: [sveltekitCookies(getRequestEvent)]
	});
}

export type Auth = ReturnType<typeof createAuth>;
