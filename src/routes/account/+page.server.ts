import { fail } from '@sveltejs/kit';
import { areaOf } from '$lib/domain/policy';
import { requireArea } from '$lib/server/auth/guard';
import { endSessionInput } from '$lib/server/auth/schema';
import { endOtherSessions, endOwnSession, listOwnSessions } from '$lib/server/auth/sessions';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

const endForm = namedFields(endSessionInput, { sessionId: 'sessie' });

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'account');
	return {
		sessions: await listOwnSessions(locals.db, actor, locals.sessionId),
		hasOwnArea: areaOf(actor.role) !== 'account'
	};
};

export const actions: Actions = {
	end: answeredAction(async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'account');
		const parsed = parseForm(endForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await endOwnSession(locals.db, actor, parsed.data.sessionId);
		return { ended: 1 };
	}),
	endOthers: async ({ locals, url }) => {
		const actor = await requireArea(locals, url, 'account');
		return { endedOthers: await endOtherSessions(locals.db, actor, locals.sessionId ?? '') };
	}
};
