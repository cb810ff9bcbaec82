import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { reportPost, setReaction, writePost } from '$lib/server/board/commands';
import { ownBoard } from '$lib/server/board/queries';
import { boardPageOf, boardPostInput, boardReactionInput, boardReportInput } from '$lib/server/board/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

const reactionForm = namedFields(boardReactionInput, { postId: 'bericht', word: 'woord', on: 'aan' });
const reportForm = namedFields(boardReportInput, { postId: 'bericht' });
const replyForm = namedFields(boardPostInput, { text: 'tekst', parentId: 'bericht' });

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, url, request }, actor) => {
		const board = await ownBoard(locals.db, actor, boardPageOf(url.searchParams.get('pagina')));
		// The rules come first on first use; afterwards they are one tap away. A form sent back with a
		// message (the page shown again after a POST) is answered as it is, never with the rules.
		if (board && !board.rulesSeen && request.method === 'GET') redirect(303, '/prikbord/regels');
		return { board, formKey: newFormKey() };
	})
) satisfies PageServerLoad;

/** Back to the same page of the board, saying what happened. */
function back(form: FormData, said: string): never {
	const page = boardPageOf(typeof form.get('pagina') === 'string' ? String(form.get('pagina')) : null);
	redirect(303, `/prikbord?pagina=${page + 1}&${said}`);
}

export const actions = {
	reageer: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(reactionForm, form);
		if (!parsed.ok) return fail(400, { error: 'invalid' });
		await setReaction(locals.db, actor, parsed.data);
		back(form, 'gereageerd');
	}),
	melden: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(reportForm, form);
		if (!parsed.ok) return fail(400, { error: 'invalid' });
		await reportPost(locals.db, actor, parsed.data.postId);
		back(form, 'gemeld');
	}),
	antwoord: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(replyForm, form);
		if (!parsed.ok)
			return fail(400, { text: parsed.values.tekst ?? '', error: parsed.errors.tekst ?? 'invalid' });
		const sent = formKey(form);
		if (!sent) return fail(400, { text: parsed.data.text, error: 'form_key' });
		const posted = await writePost(locals.db, actor, { ...parsed.data, key: sent.key });
		back(form, posted.status === 'waiting' ? 'wacht' : 'geplaatst');
	})
} satisfies Actions;
