import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { draftModule, updateDraftModule } from '$lib/server/curriculum/editing';
import { moduleNumberParam } from '$lib/server/curriculum/params';
import { parseForm } from '$lib/server/forms';
import { freeText, lineText } from '$lib/server/input';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, RequestEvent, PageServerLoadEvent } from './$types';

const moduleTextsInput = z.object({
	titel_nl: lineText(120, { required: 'title_required' }),
	titel_en: lineText(120),
	samenvatting_nl: freeText(300, { required: 'text_required' }),
	samenvatting_en: freeText(300)
});

async function moduleOf(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const actor = await requireArea(event.locals, event.url, 'admin');
	const number = moduleNumberParam(event.params.nummer);
	if (number === null) error(404, 'Not Found');
	return { actor, module: await draftModule(event.locals.db, actor, number) };
}

export const load = answered(async (event: PageServerLoadEvent) => {
	const { module } = await moduleOf(event);
	return {
		module: {
			number: module.number,
			title: module.title,
			summary: module.summary,
			draftNumber: module.draftNumber
		}
	};
}) satisfies PageServerLoad;

export const actions: Actions = {
	save: answeredAction(async (event: RequestEvent) => {
		const { actor, module } = await moduleOf(event);
		const parsed = parseForm(moduleTextsInput, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const d = parsed.data;
		await updateDraftModule(event.locals.db, actor, module.number, {
			title: { nl: d.titel_nl, en: d.titel_en },
			summary: { nl: d.samenvatting_nl, en: d.samenvatting_en }
		});
		return { saved: module.draftNumber };
	})
};
