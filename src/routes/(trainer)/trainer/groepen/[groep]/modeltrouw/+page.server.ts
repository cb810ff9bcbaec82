import { fidelityListActions, fidelityListLoad } from '$lib/server/measures/fidelity/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = fidelityListLoad('trainer');
export const actions: Actions = fidelityListActions('trainer');
