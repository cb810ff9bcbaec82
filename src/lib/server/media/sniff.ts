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

/** A document a trainer may share with their group: PDF, PNG or JPEG, by its first bytes. */
export type DocumentType = 'application/pdf' | 'image/png' | 'image/jpeg';

export function sniffDocument(head: Uint8Array): DocumentType | null {
	const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
	if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // "%PDF-"
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	return null;
}
