// Rendered on every request, like our signed-in pages (no prerendering).
export const load = () => ({});
