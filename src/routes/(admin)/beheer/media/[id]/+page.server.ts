import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { removeMedia } from '$lib/server/media/commands';
import { organisationVideo } from '$lib/server/media/queries';
import { removeMediaInput } from '$lib/server/media/schema';
import { answered, answeredAction } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

const removeFields = namedFields(removeMediaInput, { confirmed: 'zeker' });

/** One video: to watch with its captions and transcript, where it is used, and to remove it. */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	requireUuidParams(params);
	return {
		...(await organisationVideo(locals.db, actor, params.id, getLocale())),
		// "Verwijderen" asks first (a GET, so the address stays clean).
		asking: url.searchParams.has('verwijderen')
	};
}) satisfies PageServerLoad;

export const actions: Actions = {
	/** Without zeker=ja back to the question; refused (409, with where) while a published step shows it. */
	remove: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'admin');
		requireUuidParams(params);
		const parsed = parseForm(removeFields, await request.formData());
		if (!parsed.ok || !parsed.data.confirmed) redirect(303, `${url.pathname}?verwijderen`);
		const result = await removeMedia(locals.db, actor, params.id, config().dataDir, getLocale());
		if (!result.removed) return fail(409, { usedIn: result.usedIn });
		redirect(303, '/beheer/media?verwijderd');
	})
};
