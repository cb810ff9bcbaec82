import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { writePost } from '$lib/server/board/commands';
import { boardPostInput } from '$lib/server/board/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { participantGroup } from '$lib/server/groups/queries';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

const postForm = namedFields(boardPostInput.pick({ text: true }), { text: 'tekst' });

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		const group = await participantGroup(locals.db, actor);
		return { inGroup: group !== null, formKey: newFormKey() };
	})
) satisfies PageServerLoad;

export const actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(postForm, form);
		if (!parsed.ok)
			return fail(400, { text: parsed.values.tekst ?? '', error: parsed.errors.tekst ?? 'invalid' });
		const sent = formKey(form);
		if (!sent) return fail(400, { text: parsed.data.text, error: 'form_key' });
		const posted = await writePost(locals.db, actor, { text: parsed.data.text, key: sent.key });
		redirect(303, `/prikbord?${posted.status === 'waiting' ? 'wacht' : 'geplaatst'}`);
	})
} satisfies Actions;
