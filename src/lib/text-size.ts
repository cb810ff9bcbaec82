/** The text size a participant chose: kept in a cookie, applied to <html data-tekst> (app.css). */
export const TEXT_SIZES = ['normaal', 'groot', 'grootst'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const TEXT_SIZE_COOKIE = 'herstelpad-tekst';

export function textSizeOf(value: string | undefined): TextSize {
	return TEXT_SIZES.includes(value as TextSize) ? (value as TextSize) : 'normaal';
}

/** One size up or down, staying within the sizes there are. */
export function nextTextSize(current: TextSize, direction: 'groter' | 'kleiner'): TextSize {
	const index = TEXT_SIZES.indexOf(current) + (direction === 'groter' ? 1 : -1);
	return TEXT_SIZES[Math.min(TEXT_SIZES.length - 1, Math.max(0, index))]!;
}
