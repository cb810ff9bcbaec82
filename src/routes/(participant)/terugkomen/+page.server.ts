import { requireArea } from '$lib/server/auth/guard';
import { signInEmailOf } from '$lib/server/auth/own-password';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'participant');
	// A password goes with an email address; without one, the passkey or a new card remain.
	return { canUsePassword: (await signInEmailOf(actor)) !== null };
};
