import { signInEmailOf } from '$lib/server/auth/own-password';
import type { PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ locals }, actor) => {
		// A password goes with an email address; without one, the passkey or a new card remain.
		return { canUsePassword: (await signInEmailOf(locals.db, actor)) !== null };
	});
