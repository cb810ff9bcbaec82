import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { moderatePost, writePost } from '$lib/server/board/commands';
import { groupBoard } from '$lib/server/board/queries';
import { boardModerationInput, boardPageOf, boardPostInput } from '$lib/server/board/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { requireUuidParams } from '$lib/server/input';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

const postForm = namedFields(boardPostInput, { text: 'tekst', parentId: 'bericht' });
const moderationForm = namedFields(boardModerationInput, { postId: 'bericht', act: 'doe', reason: 'reden' });

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const onlyAttention = url.searchParams.has('aandacht');
	const board = await groupBoard(
		locals.db,
		actor,
		params.groep,
		boardPageOf(url.searchParams.get('pagina')),
		onlyAttention
	);
	return { board, onlyAttention, formKey: newFormKey() };
}) satisfies PageServerLoad;

/** Back to the page the form was on (its page and filter), saying what happened. */
function back(url: URL, form: FormData, said: string): never {
	const page = boardPageOf(typeof form.get('pagina') === 'string' ? String(form.get('pagina')) : null);
	const filter = form.get('aandacht') === 'ja' ? '&aandacht' : '';
	redirect(303, `${url.pathname}?pagina=${page + 1}${filter}&${said}`);
}

export const actions = {
	schrijf: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(postForm, form);
		if (!parsed.ok)
			return fail(400, {
				for: parsed.values.bericht ?? '',
				text: parsed.values.tekst ?? '',
				error: parsed.errors.tekst ?? parsed.errors.bericht ?? 'invalid'
			});
		const sent = formKey(form);
		if (!sent)
			return fail(400, { for: parsed.data.parentId ?? '', text: parsed.data.text, error: 'form_key' });
		await writePost(locals.db, actor, { ...parsed.data, groupId: params.groep, key: sent.key });
		back(url, form, 'geplaatst');
	}),
	modereer: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(moderationForm, form);
		if (!parsed.ok)
			return fail(400, {
				for: parsed.values.bericht ?? '',
				reason: parsed.values.reden ?? '',
				error: parsed.errors.reden ?? parsed.errors.doe ?? parsed.errors.bericht ?? 'invalid'
			});
		await moderatePost(locals.db, actor, params.groep, parsed.data);
		back(url, form, 'gedaan');
	})
} satisfies Actions;
