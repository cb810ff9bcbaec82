/** Words for the group board on both the participant's and the trainer's page: who wrote, who reacted. */
import { m } from '$lib/paraglide/messages.js';

export type ReactionWord = 'strength' | 'recognise' | 'well_done';

const words: Record<ReactionWord, () => string> = {
	strength: m.board_word_strength,
	recognise: m.board_word_recognise,
	well_done: m.board_word_well_done
};

/** "Sterkte", "Herkenbaar", "Goed bezig". */
export function reactionWord(word: ReactionWord): string {
	return words[word]();
}

/**
 * "Herkenbaar: Sam, Lies en jij": who gave a word, by name, never as a number; null when nobody did.
 */
export function reactionLine(
	reaction: { word: ReactionWord; names: string[]; mine: boolean },
	locale: string
): string | null {
	const names = reaction.mine ? [...reaction.names, m.board_you()] : reaction.names;
	if (names.length === 0) return null;
	const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
	return m.board_reacted({ word: reactionWord(reaction.word), names: list });
}

/** Who wrote it: "Jij", or the name, a trainer marked as trainer or peer expert. */
export function authorLabel(entry: {
	authorName: string;
	mine: boolean;
	byTrainer: boolean;
	byPeerExpert: boolean;
}): string {
	if (entry.mine) return m.board_you_author();
	if (entry.byPeerExpert) return `${entry.authorName} (${m.peer_expert()})`;
	if (entry.byTrainer) return `${entry.authorName} (${m.board_trainer()})`;
	return entry.authorName;
}
