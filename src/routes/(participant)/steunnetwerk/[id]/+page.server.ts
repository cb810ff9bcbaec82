import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { changeSupporter, removeSupporter } from '$lib/server/workbook/network/commands';
import { ownSupporter } from '$lib/server/workbook/network/queries';
import { networkForms } from '$lib/server/workbook/network/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, params, url }, actor) => {
		requireUuidParams(params);
		const supporter = await ownSupporter(locals.db, actor, params.id);
		return { supporter, asking: url.searchParams.has('weghalen') };
	})
) satisfies PageServerLoad;

export const actions = {
	opslaan: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const parsed = parseForm(networkForms.supporter, await request.formData(), { lists: ['steun'] });
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, values: parsed.values, lists: parsed.lists ?? {} });
		await changeSupporter(locals.db, actor, params.id, parsed.data);
		redirect(303, '/steunnetwerk?opgeslagen');
	}),
	/** Asks first: without zeker=ja the page shows the question; with it, the person is taken out. */
	weghalen: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const parsed = parseForm(networkForms.remove, await request.formData());
		if (!parsed.ok || !parsed.data.confirmed) redirect(303, `/steunnetwerk/${params.id}?weghalen`);
		await removeSupporter(locals.db, actor, params.id);
		redirect(303, '/steunnetwerk?weggehaald');
	})
} satisfies Actions;
