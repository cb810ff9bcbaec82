import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { draftModule } from '$lib/server/curriculum/editing/queries';
import { updateDraftModule } from '$lib/server/curriculum/editing/commands';
import { moduleNumberParam } from '$lib/server/curriculum/params';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { freeText, lineText } from '$lib/server/input';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, RequestEvent, PageServerLoadEvent } from './$types';

/** A module's texts in both languages; the page's Dutch field names are mapped onto the English keys. */
const moduleTextsInput = namedFields(
	z.object({
		titleNl: lineText(120, { required: 'title_required' }),
		titleEn: lineText(120),
		summaryNl: freeText(300, { required: 'text_required' }),
		summaryEn: freeText(300)
	}),
	{ titleNl: 'titel_nl', titleEn: 'titel_en', summaryNl: 'samenvatting_nl', summaryEn: 'samenvatting_en' }
);

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
			title: { nl: d.titleNl, en: d.titleEn },
			summary: { nl: d.summaryNl, en: d.summaryEn }
		});
		return { saved: module.draftNumber };
	})
};
