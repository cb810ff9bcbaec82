import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { moduleNumberParam, versionNumberParam } from '$lib/server/curriculum/params';
import { curriculumVersionView } from '$lib/server/curriculum/versions/queries';
import { answered } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** One version of the curriculum, read-only, a module at a time (`?module=2`). */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	const number = versionNumberParam(params.versie);
	const asked = url.searchParams.get('module');
	const moduleNumber = asked === null ? null : moduleNumberParam(asked);
	if (number === null || (asked !== null && moduleNumber === null)) error(404, 'Not Found');
	return curriculumVersionView(locals.db, actor, number, moduleNumber, getLocale());
}) satisfies PageServerLoad;
