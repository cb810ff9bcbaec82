/**
 * The forms whose text is kept on the device when the connection is gone (docs/offline.md): a
 * check-in answer, an exercise answer on a module step, a home-practice answer, a message to the
 * trainers and an answer in live mode. Used by the service worker (which keeps and sends them) and
 * by the server (which replays only these).
 */
export const DRAFT_KINDS = ['check-in', 'exercise', 'practice', 'message', 'live'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

const PATHS: [DraftKind, RegExp][] = [
	['check-in', /^\/check-in$/],
	['exercise', /^\/modules\/\d{1,3}\/[a-z0-9-]{1,100}$/],
	['practice', /^\/thuisopdracht$/],
	['message', /^\/berichten$/],
	['live', /^\/live$/]
];

// No action name, or a named one: `?/next`.
const ACTION = /^(\?\/[a-z][a-z0-9-]{0,40})?$/i;

/** The kind of draft a form post to this path and search would be, or null when it is not one. */
export function draftKindOf(pathname: string, search: string): DraftKind | null {
	if (!ACTION.test(search)) return null;
	for (const [kind, path] of PATHS) if (path.test(pathname)) return kind;
	return null;
}

/** The response header that carries the session's public key for sealing drafts. */
export const DRAFT_KEY_HEADER = 'x-herstelpad-draft-key';

/** Where the service worker sends sealed drafts. */
export const DRAFT_ENDPOINT = '/api/concepten';

/** What the device keeps of a draft and shows, without its text. */
export interface DraftStatus {
	id: string;
	kind: DraftKind;
	/** When it was typed (ms since 1970). */
	at: number;
	/** waiting: on the device; sent: arrived; kept: arrived, but the form needs a look; lost: could not be sent. */
	state: 'waiting' | 'sent' | 'kept' | 'lost';
	/** For a kept one: the page that has it back in its form. */
	page?: string;
}
