import { fail } from '@sveltejs/kit';
import { formatLoginCode } from '$lib/domain/login-code';
import { requireArea } from '$lib/server/auth/guard';
import { issueLoginCards } from '$lib/server/cards/commands';
import { qrSvg } from '$lib/server/cards/qr';
import { issueCardsInput } from '$lib/server/cards/schema';
import { config } from '$lib/server/config';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { trainerGroups } from '$lib/server/groups/queries';
import { answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

const cardsForm = namedFields(issueCardsInput, { participantIds: 'deelnemer' });

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'trainer');
	const groups = await trainerGroups(locals.db, actor);
	return {
		groups: groups.map((group) => ({ id: group.id, name: group.name, participants: group.participants }))
	};
};

export const actions: Actions = {
	default: answeredAction(async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'trainer');
		const parsed = parseForm(cardsForm, await request.formData(), { lists: ['deelnemer'] });
		if (!parsed.ok) return fail(400, { error: parsed.errors.deelnemer ?? 'invalid', cards: null });
		const issued = await issueLoginCards(locals.db, actor, parsed.data.participantIds);
		const base = config().publicBaseUrl;
		const cards = await Promise.all(
			issued.map(async (card) => ({
				participantId: card.participantId,
				displayName: card.displayName,
				groupName: card.groupName,
				code: formatLoginCode(card.code),
				expiresAt: card.expiresAt.toISOString().slice(0, 10),
				qr: await qrSvg(`${base}/kaart?code=${card.code}`)
			}))
		);
		return { error: null, cards, signInUrl: `${base}/kaart` };
	})
};
