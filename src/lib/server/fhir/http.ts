/** Answers of the FHIR API: JSON as application/fhir+json, problems as an OperationOutcome. */
import type { OperationOutcome } from 'fhir/r4';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A FHIR JSON answer (never cached: it is about people). */
export function fhirJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': FHIR_JSON, 'cache-control': 'no-store', ...headers }
	});
}

/** An OperationOutcome with one issue: what went wrong, in English for the client's developer. */
export function operationOutcome(
	status: number,
	code: 'invalid' | 'not-supported' | 'forbidden' | 'login' | 'exception',
	text: string
): Response {
	const outcome: OperationOutcome = {
		resourceType: 'OperationOutcome',
		issue: [{ severity: 'error', code, diagnostics: text }]
	};
	return fhirJson(outcome, status);
}

/** A participant's Bundle as a download (the file name says what it is and when, not whose). */
export function bundleDownload(bundle: unknown, now = new Date()): Response {
	return fhirJson(bundle, 200, {
		'content-disposition': `attachment; filename="herstelpad-fhir-${now.toISOString().slice(0, 10)}.json"`
	});
}
