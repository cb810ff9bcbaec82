import { requireArea } from '$lib/server/auth/guard';
import { requireParticipantInGroup } from '$lib/server/access';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import { planFor } from '$lib/server/workbook/plan/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';
import { planWords } from '$lib/plan-text';

/** A participant's plan for their trainer: only when the participant shares it with the care team. */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	// The participant is in this group now, and this trainer trains it; then the plan's own rule.
	await requireParticipantInGroup(locals.db, actor, params.groep, params.deelnemer, 'read');
	const { reader, plan } = await planFor(locals.db, actor, params.deelnemer);
	return {
		planWords: planWords(),
		groupId: params.groep,
		participantId: params.deelnemer,
		name: reader.participantName,
		plan: { content: plan.content, updatedAt: plan.updatedAt, enteredBy: plan.enteredBy, filled: plan.filled }
	};
}) satisfies PageServerLoad;
