import { fail } from '@sveltejs/kit';
import { formatLoginCode } from '$lib/domain/login-code';
import { requireArea } from '$lib/server/auth/guard';
import { cardsThatWouldStop, issueLoginCards } from '$lib/server/cards/commands';
import { qrSvg } from '$lib/server/cards/qr';
import { issueCardsInput } from '$lib/server/cards/schema';
import { config } from '$lib/server/config';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { trainerGroups } from '$lib/server/groups/queries';
import { answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

const cardsForm = namedFields(issueCardsInput, { participantIds: 'deelnemer', confirmed: 'bevestig' });

/**
 * The card page: everyone of the trainer's groups ticked (cards for the group), or with
 * `?deelnemer=<id>` (the link beside one person) only that person. An id that is not a participant
 * of the trainer's groups ticks nobody.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'trainer');
	const groups = await trainerGroups(locals.db, actor);
	const asked = url.searchParams.get('deelnemer');
	const everyone = groups.flatMap((group) => group.participants);
	const one = asked === null ? undefined : everyone.find((participant) => participant.id === asked);
	return {
		groups: groups.map((group) => ({ id: group.id, name: group.name, participants: group.participants })),
		ticked: asked === null ? everyone.map((participant) => participant.id) : one ? [one.id] : [],
		one: one?.displayName ?? null
	};
};

export const actions: Actions = {
	default: answeredAction(async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'trainer');
		const parsed = parseForm(cardsForm, await request.formData(), { lists: ['deelnemer'] });
		if (!parsed.ok)
			return fail(400, {
				error: parsed.errors.deelnemer ?? parsed.errors.bevestig ?? 'invalid',
				ticked: parsed.lists?.deelnemer ?? [],
				cards: null
			});
		const { participantIds, confirmed } = parsed.data;
		// Making cards stops the old ones that still work: ask first, naming whose.
		if (!confirmed) {
			const stopping = await cardsThatWouldStop(locals.db, actor, participantIds);
			if (stopping.length > 0)
				return {
					error: null,
					cards: null,
					confirm: { participantIds, names: stopping.map((p) => p.displayName) }
				};
		}
		const issued = await issueLoginCards(locals.db, actor, participantIds);
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
