import { m } from '$lib/paraglide/messages.js';
import { formErrorState } from './form-error-state.svelte';

/**
 * The texts of the form error keys (./form-error-texts.ts) are many, so a page's script does not
 * carry them. The server has them from the start (src/hooks.server.ts); in the browser they load when
 * a page arrives with an error shown (before it hydrates) or a form is sent (src/hooks.client.ts). A
 * text asked for before then starts the loading and shows once the texts are there.
 */
export function useFormErrorTexts(texts: Record<string, () => string>): void {
	formErrorState.texts = texts;
}

/** The translated text for a form error key; unknown keys get the generic "try again" text. */
export function errorText(key: string | undefined): string {
	const texts = formErrorState.texts;
	if (!texts) {
		formErrorState.load?.();
		return '';
	}
	return (key && texts[key]?.()) || m.error_400_text();
}

/** The error summary's items for a form's errors; a rate limit names when to try again. */
export function errorSummary(
	errors: Partial<Record<string, string>>,
	retryMinutes: number | undefined
): { field: string; text: string }[] {
	return Object.entries(errors).map(([field, key]) => ({
		field,
		text:
			key === 'rate_limited' ? m.error_rate_limited({ minutes: String(retryMinutes ?? 15) }) : errorText(key)
	}));
}
