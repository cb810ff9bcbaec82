/** A group's own item as a step: its key "eigen-<id>" (the id without dashes), and back. */

const KEY = /^eigen-([0-9a-f]{32})$/;

export function groupItemKey(id: string): string {
	return `eigen-${id.replace(/-/g, '')}`;
}

/** The item id in a step key "eigen-…", or null for a curriculum step. */
export function groupItemIdOf(key: string): string | null {
	const hex = KEY.exec(key)?.[1];
	return hex
		? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
		: null;
}
