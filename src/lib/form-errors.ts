import { m } from '$lib/paraglide/messages.js';
import { lazyTexts } from './lazy-texts.svelte';

/**
 * The texts of the form error keys (./form-error-texts.ts) are many, so a page's script does not
 * carry them (./lazy-texts.svelte.ts): a text asked for before they are there starts the loading and is
 * empty until then. Sets them where they are at hand from the start (the server, tests).
 */
export function useFormErrorTexts(texts: Record<string, () => string>): void {
	lazyTexts.formErrors = texts;
}

/** The translated text for a form error key; unknown keys get the generic "try again" text. */
export function errorText(key: string | undefined): string {
	const texts = lazyTexts.formErrors;
	if (!texts) {
		lazyTexts.loadFormErrors?.();
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
