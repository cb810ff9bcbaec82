import { describe, expect, it } from 'vitest';
import { canKeepOwnWorkbook, roles, type Role } from './policy';

describe('canKeepOwnWorkbook', () => {
	const table: [Role, string | null, boolean][] = [
		['participant', 'org-1', true],
		['participant', null, false],
		['trainer', 'org-1', false],
		['coordinator', 'org-1', false],
		['researcher', 'org-1', false],
		['significant_other', 'org-1', false],
		['platform_admin', null, false]
	];

	it('lets only a participant of an organisation keep a toolbox and a network of their own', () => {
		expect(table.map(([role]) => role).sort()).toEqual([...roles, 'participant'].sort());
		for (const [role, organisationId, allowed] of table)
			expect(canKeepOwnWorkbook({ role, organisationId }), `${role} ${organisationId}`).toBe(allowed);
	});
});
