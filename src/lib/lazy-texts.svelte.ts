/**
 * Texts a page's script does not carry, because most pages are seen without them: the texts of form
 * errors (./form-error-texts.ts) and of the error page (./error-page-texts.ts). The server has them from
 * the start (src/hooks.server.ts); in the browser src/hooks.client.ts sets the loaders and loads them
 * before hydrating a page that shows them. Reactive: a text shown before they came follows once they are
 * there.
 */
import type { errorPageTexts } from './error-page-texts';

class LazyTexts {
	formErrors = $state.raw<Record<string, () => string>>();
	errorPage = $state.raw<typeof errorPageTexts>();
	loadFormErrors: (() => unknown) | undefined;
	loadErrorPage: (() => unknown) | undefined;
}

export const lazyTexts = new LazyTexts();
