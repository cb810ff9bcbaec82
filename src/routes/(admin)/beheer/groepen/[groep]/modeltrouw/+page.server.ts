import { fidelityListActions, fidelityListLoad } from '$lib/server/measures/fidelity/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = fidelityListLoad('admin');
export const actions: Actions = fidelityListActions('admin');
