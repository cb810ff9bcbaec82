import type { PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

// Every participant page checks its area in its own load (the area has no layout load).
export const load: PageServerLoad = (event) =>
	participantPage(event, async () => {
		return {};
	});
