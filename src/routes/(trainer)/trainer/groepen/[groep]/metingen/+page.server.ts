import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { choosableDefinitions, saveGroupMeasurePlan } from '$lib/server/measures/definitions';
import { groupMeasureOverview } from '$lib/server/measures/results';
import { measureForms } from '$lib/server/measures/schema';
import { groupMeasurePlanChoice } from '$lib/server/measures/responses';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The group's measures: who filled in what at each moment, and the moments and versions it uses. */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const overview = await groupMeasureOverview(locals.db, actor, params.groep);
	return {
		groupId: overview.group.id,
		groupName: overview.group.name,
		moments: overview.moments,
		rows: overview.rows,
		today: overview.today,
		choice: await groupMeasurePlanChoice(locals.db, overview.group.id),
		definitions: await choosableDefinitions(locals.db, overview.group.organisationId),
		saved: url.searchParams.has('bewaard')
	};
}) satisfies PageServerLoad;

export const actions: Actions = {
	default: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(measureForms.plan, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await saveGroupMeasurePlan(locals.db, actor, params.groep, parsed.data);
		redirect(303, `/trainer/groepen/${params.groep}/metingen?bewaard`);
	})
};
