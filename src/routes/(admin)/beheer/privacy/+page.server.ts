import { requireArea } from '$lib/server/auth/guard';
import { erasureRequests } from '$lib/server/privacy/erasure';
import { answered } from '$lib/server/route';
import type { PageServerLoad } from './$types';

/** The page in `?pagina=` (0 = the first); anything else is the first. */
function pageOf(url: URL): number {
	const value = url.searchParams.get('pagina');
	return value !== null && /^\d{1,5}$/.test(value) ? Number(value) : 0;
}

/** The organisation's erasure requests: open ones first, each with its legal due date. */
export const load: PageServerLoad = answered(async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	const page = pageOf(url);
	const list = await erasureRequests(locals.db, actor, page);
	return { ...list, page, today: new Date().toISOString().slice(0, 10) };
});
