import { fidelityPrintLoad } from '$lib/server/measures/fidelity/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = fidelityPrintLoad('trainer');
