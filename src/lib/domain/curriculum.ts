/**
 * Course rules, pure: which modules a participant sees, how far they are, and where to go on.
 * A group decides per module: open (readable), coming (shown as "not open yet") or closed (not shown).
 */
export type ModuleState = 'open' | 'coming' | 'closed';
export type ModuleStatus = 'done' | 'current' | 'new' | 'not_open';

export interface StepProgressRow {
	stepKey: string;
	seen: boolean;
	done: boolean;
}

/** Modules a participant sees, in the group's order: closed modules are left out. */
export function visibleModules<T extends { state: ModuleState; position: number; number: number }>(
	modules: readonly T[]
): T[] {
	return modules
		.filter((module) => module.state !== 'closed')
		.sort((a, b) => a.position - b.position || a.number - b.number);
}

/** Whether a participant may read a module's steps. */
export function isReadable(state: ModuleState): boolean {
	return state === 'open';
}

/** A module's status for one participant, from the steps the group shows and their progress. */
export function moduleStatus(
	state: ModuleState,
	stepKeys: readonly string[],
	progress: readonly StepProgressRow[]
): ModuleStatus {
	if (state !== 'open') return 'not_open';
	const byKey = new Map(progress.map((row) => [row.stepKey, row]));
	if (stepKeys.length > 0 && stepKeys.every((key) => byKey.get(key)?.done)) return 'done';
	return stepKeys.some((key) => byKey.has(key)) ? 'current' : 'new';
}

/** Where to go on in a module: the first step not done yet, or the first step when all are done. */
export function resumeStep(stepKeys: readonly string[], progress: readonly StepProgressRow[]): string | null {
	const done = new Set(progress.filter((row) => row.done).map((row) => row.stepKey));
	return stepKeys.find((key) => !done.has(key)) ?? stepKeys[0] ?? null;
}

/** The module a participant is in: the first open module not done, in the group's order. */
export function currentModule<T extends { status: ModuleStatus }>(modules: readonly T[]): T | null {
	return (
		modules.find((module) => module.status === 'current') ??
		modules.find((module) => module.status === 'new') ??
		null
	);
}

/** Neighbours of a step among the steps the group shows. */
export function neighbours(stepKeys: readonly string[], key: string) {
	const index = stepKeys.indexOf(key);
	return {
		index,
		total: stepKeys.length,
		previous: index > 0 ? stepKeys[index - 1]! : null,
		next: index >= 0 && index < stepKeys.length - 1 ? stepKeys[index + 1]! : null
	};
}
