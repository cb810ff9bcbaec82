import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = answered((event) => participantPage(event, async () => ({})));
