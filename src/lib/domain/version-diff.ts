/**
 * What changed between two versions of a curriculum: modules and steps added, removed or changed
 * (steps are known across versions by module number and key), and for a change each text before and
 * after, per language. Pure; the coordinator's comparison page shows it a page at a time.
 */

type Texts = { nl: string; en: string };

export interface ComparedStep {
	key: string;
	kind: string;
	title: Texts;
	body: Texts;
	question: Texts | null;
	/** The video's title, if the step shows one. */
	video: string | null;
}

export interface ComparedModule {
	number: number;
	title: Texts;
	summary: Texts;
	steps: ComparedStep[];
}

export type ChangedField = 'title' | 'summary' | 'body' | 'question' | 'kind' | 'video';

export interface FieldChange {
	field: ChangedField;
	/** The language of a text; null for what has none (the kind of step, its video). */
	language: 'nl' | 'en' | null;
	before: string;
	after: string;
}

export type VersionChange =
	| { kind: 'module_added' | 'module_removed'; moduleNumber: number; title: Texts }
	| { kind: 'module_changed'; moduleNumber: number; title: Texts; fields: FieldChange[] }
	| { kind: 'step_added' | 'step_removed'; moduleNumber: number; stepKey: string; title: Texts }
	| { kind: 'step_changed'; moduleNumber: number; stepKey: string; title: Texts; fields: FieldChange[] };

const LANGUAGES = ['nl', 'en'] as const;

function textChanges(field: ChangedField, before: Texts | null, after: Texts | null): FieldChange[] {
	return LANGUAGES.flatMap((language) => {
		const was = before?.[language] ?? '';
		const now = after?.[language] ?? '';
		return was === now ? [] : [{ field, language, before: was, after: now }];
	});
}

function valueChange(field: ChangedField, before: string | null, after: string | null): FieldChange[] {
	return (before ?? '') === (after ?? '')
		? []
		: [{ field, language: null, before: before ?? '', after: after ?? '' }];
}

function stepChanges(before: ComparedStep, after: ComparedStep): FieldChange[] {
	return [
		...valueChange('kind', before.kind, after.kind),
		...textChanges('title', before.title, after.title),
		...textChanges('body', before.body, after.body),
		...textChanges('question', before.question, after.question),
		...valueChange('video', before.video, after.video)
	];
}

/** The changes from `before` to `after`, in the order of the newer version's modules and steps. */
export function compareVersions(before: ComparedModule[], after: ComparedModule[]): VersionChange[] {
	const changes: VersionChange[] = [];
	const oldModules = new Map(before.map((module) => [module.number, module]));
	const newNumbers = new Set(after.map((module) => module.number));
	for (const module of after) {
		const old = oldModules.get(module.number);
		if (!old) {
			changes.push({ kind: 'module_added', moduleNumber: module.number, title: module.title });
			continue;
		}
		const fields = [
			...textChanges('title', old.title, module.title),
			...textChanges('summary', old.summary, module.summary)
		];
		if (fields.length > 0)
			changes.push({ kind: 'module_changed', moduleNumber: module.number, title: module.title, fields });
		const oldSteps = new Map(old.steps.map((step) => [step.key, step]));
		const newKeys = new Set(module.steps.map((step) => step.key));
		for (const step of module.steps) {
			const was = oldSteps.get(step.key);
			const base = { moduleNumber: module.number, stepKey: step.key, title: step.title };
			if (!was) changes.push({ kind: 'step_added', ...base });
			else {
				const stepFields = stepChanges(was, step);
				if (stepFields.length > 0) changes.push({ kind: 'step_changed', ...base, fields: stepFields });
			}
		}
		for (const step of old.steps)
			if (!newKeys.has(step.key))
				changes.push({
					kind: 'step_removed',
					moduleNumber: module.number,
					stepKey: step.key,
					title: step.title
				});
	}
	for (const module of before)
		if (!newNumbers.has(module.number))
			changes.push({ kind: 'module_removed', moduleNumber: module.number, title: module.title });
	return changes;
}
