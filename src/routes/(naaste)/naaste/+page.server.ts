import { requireArea } from '$lib/server/auth/guard';
import { answered } from '$lib/server/route';
import { sharedWithMe } from '$lib/server/workbook/sharing/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered(async ({ locals, url }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'significant_other');
	return { shared: await sharedWithMe(locals.db, actor), ended: url.searchParams.has('verbroken') };
}) satisfies PageServerLoad;
