/** The type of a video file from its first bytes (not its name): WebM or MP4, or null. */
export type VideoType = 'video/webm' | 'video/mp4';

/** Bytes needed to decide. */
export const SNIFF_BYTES = 64;

export function sniffVideo(head: Uint8Array): VideoType | null {
	// WebM: an EBML header (1A 45 DF A3) whose DocType is "webm".
	if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
		const text = new TextDecoder('latin1').decode(head);
		return text.includes('webm') ? 'video/webm' : null;
	}
	// MP4 (ISO base media): a box of type "ftyp" at byte 4 with an MP4-family brand.
	const box = new TextDecoder('latin1').decode(head.subarray(4, 12));
	if (box.startsWith('ftyp') && /^(isom|iso[2-9]|mp4[12]|avc1|M4V |dash|mmp4)$/.test(box.slice(4, 8)))
		return 'video/mp4';
	return null;
}
