/**
 * What a person types before the page's script has taken over stays. Svelte's hydration sets each
 * `value={…}` and `checked={…}` back to what the server sent (only `bind:` keeps a changed one), and
 * on a slow phone, or on a page with a form error that waits for its texts (hooks.client.ts), there
 * is time to type before that. The fields changed by then are noted here and given back after it.
 * Kept small: every page loads it (issue 21's budget).
 */
type Field = HTMLInputElement & HTMLTextAreaElement;

const typed = new Map<Field, string | boolean>();

/** The property a person changes: `checked` of a tick box or a choice, `value` of the rest. */
const changes = (field: Field) => (field.type === 'checkbox' || field.type === 'radio' ? 'checked' : 'value');
const note = ({ target }: Event) => {
	const field = target as Field;
	if (field.type !== 'file') typed.set(field, field[changes(field)]);
};

/** Notes what is already typed and what will be, until `giveBackTyped`. Runs before hydration. */
export function noteTyped(): void {
	for (const field of document.querySelectorAll<Field>('input, textarea')) {
		const property = changes(field);
		if (field[property] !== field[property === 'checked' ? 'defaultChecked' : 'defaultValue'])
			note({ target: field } as unknown as Event);
	}
	addEventListener('input', note, true);
	addEventListener('change', note, true);
}

/** After hydration: each field holds what was typed, and the page's own code hears of it. */
export function giveBackTyped(): void {
	removeEventListener('input', note, true);
	removeEventListener('change', note, true);
	typed.forEach((value, field) => {
		const property = changes(field);
		if (field[property] === value) return;
		(field as unknown as Record<string, unknown>)[property] = value;
		field.dispatchEvent(new Event(property === 'checked' ? 'change' : 'input', { bubbles: true }));
	});
	typed.clear();
}
