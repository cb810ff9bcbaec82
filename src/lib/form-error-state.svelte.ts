/**
 * The form error texts once they are there (see ./form-errors.ts): reactive, so a text shown before
 * they came follows. In the browser, `load` fetches them (set by src/hooks.client.ts, whose chunk has
 * the bundler's loading helper already).
 */
class FormErrorState {
	texts = $state.raw<Record<string, () => string>>();
	load: (() => unknown) | undefined;
}

export const formErrorState = new FormErrorState();
