import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { versionNumberParam } from '$lib/server/curriculum/params';
import { curriculumComparison } from '$lib/server/curriculum/versions/queries';
import { answered } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/**
 * What changed between two versions (`?van=1&naar=2`, a page of changes at a time with `pagina`);
 * without them, the version before the newest and the newest. A version that is not a number is a 404.
 */
export const load = answered(async ({ locals, url }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	const number = (name: string) => {
		const sent = url.searchParams.get(name);
		if (sent === null || sent === '') return null;
		const parsed = versionNumberParam(sent);
		if (parsed === null) error(404, 'Not Found');
		return parsed;
	};
	const page = Number(url.searchParams.get('pagina') ?? '1');
	return curriculumComparison(
		locals.db,
		actor,
		number('van'),
		number('naar'),
		Number.isSafeInteger(page) ? page : 1,
		getLocale()
	);
}) satisfies PageServerLoad;
