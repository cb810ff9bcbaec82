import { m } from '$lib/paraglide/messages.js';

/** The error page's titles and texts (src/routes/+error.svelte), loaded when it is shown (./lazy-texts.svelte.ts). */
export const errorPageTexts = {
	byStatus: {
		400: [m.error_400_title, m.error_400_text],
		403: [m.error_403_title, m.error_403_text],
		404: [m.error_404_title, m.error_404_text],
		503: [m.error_503_title, m.error_503_text]
	} as Record<number, [() => string, () => string]>,
	other: [m.error_500_title, m.error_500_text] as [() => string, () => string],
	// A refusal with a known reason says what to do instead.
	reasons: {
		two_factors_required: m.error_two_factors_required,
		database_unavailable: m.error_database_unavailable
	} as Record<string, () => string>
};
