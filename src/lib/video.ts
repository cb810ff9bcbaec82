/** A peer-expert video as the player shows it (components/VideoPlayer.svelte), in the reader's language. */
export interface VideoView {
	id: string;
	title: string;
	type: string;
	hasPoster: boolean;
	/** The languages it has captions in. */
	captions: ('nl' | 'en')[];
	transcript: string | null;
}
