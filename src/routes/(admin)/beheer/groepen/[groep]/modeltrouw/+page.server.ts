import { fidelityListPage } from '$lib/server/measures/fidelity/pages';
import type { Actions, PageServerLoad } from './$types';

const page = fidelityListPage('admin');
export const load: PageServerLoad = page.load;
export const actions: Actions = page.actions;
