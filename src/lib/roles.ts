import type { Role } from '$lib/domain/policy';
import { m } from '$lib/paraglide/messages.js';

const labels: Record<Role, () => string> = {
	participant: m.role_participant,
	trainer: m.role_trainer,
	coordinator: m.role_coordinator,
	researcher: m.role_researcher,
	significant_other: m.role_significant_other,
	platform_admin: m.role_platform_admin
};

/** The translated name of a role. */
export function roleLabel(role: Role): string {
	return labels[role]();
}
