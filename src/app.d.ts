import type { Actor } from '$lib/domain/policy';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Shown to the user so support can find the log line; details stay in the log. */
			errorId?: string;
		}
		/** The frame's data, which every page's data carries (src/lib/server/pages/shell.ts). */
		interface PageData {
			locale?: import('$lib/server/pages/shell').Shell['locale'];
			draft?: import('$lib/server/pages/shell').Shell['draft'];
			sessionTimeout?: import('$lib/server/pages/shell').Shell['sessionTimeout'];
			actor?: import('$lib/server/pages/shell').Shell['actor'];
		}
		interface Locals {
			requestId: string;
			log: import('$lib/server/log').RequestLogger;
			/**
			 * The database for this request's capabilities (passed as their first argument). Reading it
			 * while the database is away answers 503. Set in hooks.server.ts, the only place that asks
			 * the runtime for it.
			 */
			db: import('$lib/server/db/client').Db;
			/** The app's secret and reminder jobs for this request (`appServices` of the runtime). */
			app: import('$lib/server/runtime').AppServices;
			/** The signed-in person, or null. Set once per request in hooks.server.ts. */
			actor: Actor | null;
			/** The session id, for sign-out and session listings. */
			sessionId: string | null;
			/** The live session (method, second factor, when it ends), or null. */
			session: import('$lib/server/auth/session').CurrentSession | null;
			/** A staff member who gave the password but not yet the second factor: not signed in yet. */
			pendingSecondFactor: Actor | null;
			/** A session cookie came that could not be checked: the database is away (answer 503). */
			sessionUnchecked?: boolean;
			/** Set by handleError when the request failed because the database is away. */
			databaseUnavailable?: boolean;
			/** Set once a refused access of this request is in the access log. */
			accessDeniedRecorded?: boolean;
			/** The request's language (from the cookie), read by Paraglide's getLocale(). */
			i18n?: { locale: import('$lib/paraglide/runtime').Locale };
		}
	}
}

export {};
