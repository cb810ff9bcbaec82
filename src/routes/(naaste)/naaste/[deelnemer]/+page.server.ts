import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { answered, answeredAction } from '$lib/server/route';
import { planFor } from '$lib/server/workbook/plan/queries';
import { endSignificantOtherLink } from '$lib/server/workbook/sharing/commands';
import { sharedGoal } from '$lib/server/workbook/sharing/queries';
import { sharingForms } from '$lib/server/workbook/sharing/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';
import { planWords } from '$lib/plan-text';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'significant_other');
	requireUuidParams(params);
	const { reader, plan } = await planFor(locals.db, actor, params.deelnemer);
	const goal = reader.shareGoal ? await sharedGoal(locals.db, actor, params.deelnemer) : null;
	return {
		planWords: planWords(),
		name: reader.participantName,
		linkId: reader.linkId,
		plan: { content: plan.content, updatedAt: plan.updatedAt, filled: plan.filled },
		shareGoal: reader.shareGoal,
		goal,
		confirmEnd: url.searchParams.has('verbreken')
	};
}) satisfies PageServerLoad;

const linkForm = sharingForms.end;

export const actions: Actions = {
	/** The naaste ends the connection (asked first on the page, `?verbreken`). */
	end: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'significant_other');
		requireUuidParams(params);
		const parsed = parseForm(linkForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await endSignificantOtherLink(locals.db, actor, parsed.data.link);
		redirect(303, '/naaste?verbroken');
	})
};
