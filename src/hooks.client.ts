import type { ClientInit } from '@sveltejs/kit';
import { formErrorState } from '$lib/form-error-state.svelte';

let loading: Promise<void> | undefined;
/** The texts of form errors, which are not in a page's script (src/lib/form-errors.ts). */
const loadFormErrorTexts = () =>
	(loading ??= import('$lib/form-error-texts').then(({ formErrorTexts }) => {
		formErrorState.texts = formErrorTexts;
	}));

export const init: ClientInit = async () => {
	formErrorState.load = loadFormErrorTexts;
	// A form that is sent may come back with an error: the texts load while it travels.
	document.addEventListener('submit', () => void loadFormErrorTexts(), { capture: true, once: true });
	// A page that arrives with a form error on it hydrates with the texts at hand.
	if (document.querySelector('.error, .error-summary')) await loadFormErrorTexts();
};
