import { requireArea } from '$lib/server/auth/guard';
import { studies } from '$lib/server/research/studies';
import { answered } from '$lib/server/route';
import type { PageServerLoad } from './$types';

/** The page in `?pagina=` (0 = the first); anything else is the first. */
function pageOf(url: URL): number {
	const value = url.searchParams.get('pagina');
	return value !== null && /^\d{1,5}$/.test(value) ? Number(value) : 0;
}

/** The researcher's page: the organisation's studies, a download per study. */
export const load: PageServerLoad = answered(async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'research');
	const page = pageOf(url);
	return { ...(await studies(locals.db, actor, page)), page };
});
