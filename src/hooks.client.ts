import type { ClientInit } from '@sveltejs/kit';
import { lazyTexts } from '$lib/lazy-texts.svelte';
import { noteTyped } from '$lib/typed-before-hydration';

let formErrors: Promise<void> | undefined;
/** The texts of form errors, which are not in a page's script (src/lib/form-errors.ts). */
const loadFormErrors = () =>
	(formErrors ??= import('$lib/form-error-texts').then(
		({ formErrorTexts }) => {
			lazyTexts.formErrors = formErrorTexts;
		},
		() => {
			formErrors = undefined;
		}
	));

let errorPage: Promise<void> | undefined;
/** The error page's texts (src/routes/+error.svelte). */
const loadErrorPage = () =>
	(errorPage ??= import('$lib/error-page-texts').then(
		({ errorPageTexts }) => {
			lazyTexts.errorPage = errorPageTexts;
		},
		() => {
			errorPage = undefined;
		}
	));

export const init: ClientInit = async () => {
	noteTyped();
	lazyTexts.loadFormErrors = loadFormErrors;
	lazyTexts.loadErrorPage = loadErrorPage;
	// A form that is sent may come back with an error: the texts load while it travels.
	document.addEventListener('submit', () => void loadFormErrors(), { capture: true });
	// A page that arrives with a form error or as the error page hydrates with its texts at hand. When
	// they cannot load (offline), it hydrates all the same and asks again when a text is wanted.
	await Promise.all([
		document.querySelector('.error, .error-summary') && loadFormErrors(),
		document.querySelector('[data-error-page]') && loadErrorPage()
	]);
};
