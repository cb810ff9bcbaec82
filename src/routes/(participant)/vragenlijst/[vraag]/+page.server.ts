import { error, fail, redirect } from '@sveltejs/kit';
import { isEnabled, nextItemIndex, previousItemIndex } from '$lib/domain/measures/questionnaire';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { ownMeasure, saveOwnAnswer } from '$lib/server/measures/responses';
import { measureForms } from '$lib/server/measures/schema';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The item index the URL names (1 = the first), or a 404 for anything else. */
function indexOf(params: { vraag: string }): number {
	if (!/^[1-9]\d{0,2}$/.test(params.vraag)) error(404, 'Not Found');
	return Number(params.vraag) - 1;
}

/** The participant's open questionnaire; the start page when there is none in progress. */
async function inProgress(db: App.Locals['db'], actor: Parameters<typeof ownMeasure>[1]) {
	const own = await ownMeasure(db, actor);
	if (!own.moment || !own.definition) redirect(303, '/vragenlijst');
	if (own.response?.status === 'completed') redirect(303, '/vragenlijst/uitkomst');
	return { ...own, definition: own.definition, answers: own.response?.answers ?? {} };
}

/** Where an item's screen goes next: the next asked item, or the page before finishing. */
const pathOf = (index: number | null) =>
	index === null ? '/vragenlijst/klaar' : `/vragenlijst/${index + 1}`;

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, params }, actor) => {
		const index = indexOf(params);
		const own = await inProgress(locals.db, actor);
		const questionnaire = own.definition.questionnaire;
		const item = questionnaire.items[index];
		if (!item) error(404, 'Not Found');
		// An item the answers so far switch off is passed over.
		if (!isEnabled(questionnaire, item, own.answers))
			redirect(303, pathOf(nextItemIndex(questionnaire, own.answers, index)));
		const asked = questionnaire.items.filter((candidate) => isEnabled(questionnaire, candidate, own.answers));
		const previous = previousItemIndex(questionnaire, own.answers, index);
		return {
			index,
			position: asked.indexOf(item) + 1,
			total: asked.length,
			item: {
				linkId: item.linkId,
				type: item.type,
				text: item.text,
				required: item.required,
				options: item.options.map((option) => ({ code: option.code, display: option.display }))
			},
			chosen: own.answers[item.linkId] ?? null,
			previous: previous === null ? null : previous + 1,
			ownWording: questionnaire.ownWording
		};
	})
) satisfies PageServerLoad;

export const actions: Actions = {
	default: answeredAction(async (event: RequestEvent) => {
		const actor = await requireArea(event.locals, event.url, 'participant');
		const index = indexOf(event.params);
		const parsed = parseForm(measureForms.answer, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const { code, direction } = parsed.data;
		const own = await inProgress(event.locals.db, actor);
		const questionnaire = own.definition.questionnaire;
		const item = questionnaire.items[index];
		if (!item) error(404, 'Not Found');
		// Going back keeps what was chosen; skipping removes it; "next" without a choice skips.
		const keep = direction === 'overslaan' ? null : code;
		const { answers } =
			direction === 'terug' && keep === null && item.required
				? { answers: own.answers }
				: await saveOwnAnswer(event.locals.db, actor, index, keep);
		if (direction === 'bewaar') return { saved: true };
		if (direction === 'terug') {
			const previous = previousItemIndex(questionnaire, answers, index);
			redirect(303, previous === null ? '/vragenlijst' : `/vragenlijst/${previous + 1}`);
		}
		redirect(303, pathOf(nextItemIndex(questionnaire, answers, index)));
	})
};
