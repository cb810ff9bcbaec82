import { fidelityFormActions, fidelityFormLoad } from '$lib/server/measures/fidelity/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = fidelityFormLoad('trainer');
export const actions: Actions = fidelityFormActions('trainer');
