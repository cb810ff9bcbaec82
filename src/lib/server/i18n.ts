import type { Cookies } from '@sveltejs/kit';

/** The cookie Paraglide reads (its default name); readable by the page, one year. */
export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';

/** Stores the language choice in the browser. */
export function rememberLocale(cookies: Cookies, locale: 'nl' | 'en', secure: boolean): void {
	cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		maxAge: 60 * 60 * 24 * 365,
		httpOnly: false,
		sameSite: 'lax',
		secure
	});
}
