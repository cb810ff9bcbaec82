import { requireArea } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { organisationMedia } from '$lib/server/media/commands';
import { answered } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** "field:key,field:key" from a failed upload without JavaScript (see upload/+server.ts). */
function errorsFrom(value: string | null): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const part of (value ?? '').split(',').slice(0, 10)) {
		const [field, ...key] = part.split(':');
		if (field && /^[a-z_]{1,40}$/.test(field) && key.length > 0) errors[field] = key.join(':').slice(0, 60);
	}
	return errors;
}

export const load = answered(async ({ locals, url }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	return {
		media: await organisationMedia(locals.db, actor, getLocale()),
		maxMb: Math.round(config().mediaMaxBytes / 1024 / 1024),
		added: url.searchParams.has('toegevoegd'),
		removed: url.searchParams.has('verwijderd'),
		errors: errorsFrom(url.searchParams.get('fout'))
	};
}) satisfies PageServerLoad;
