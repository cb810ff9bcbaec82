// Which browser test files may run at the same time as others (vitest project `e2e-own`, files in
// parallel, with an app of its own), and which run one at a time (project `e2e`, the shared demo app).
//
// A file belongs in this list only when it shares nothing with any other test file: it builds its own
// organisation in the database (tests/helpers/builders.ts) and signs its people in with sessions made
// there (buildSignedIn), never as the demo accounts (their sessions, TOTP steps, rows and settings are
// shared); it starts no app or process of its own; it reads only mail to an address it made itself.
// scripts/e2e-sets.test.ts checks what it can of this. Every file not listed — any new file — runs
// one at a time in `e2e`: the safe default.

/** Browser test files, each in an organisation of its own, that run in parallel with each other. */
export const ownOrganisationFiles = [
	'tests/e2e/board.test.ts',
	'tests/e2e/coordinator-dead-ends.test.ts',
	'tests/e2e/fhir.test.ts',
	'tests/e2e/measures.test.ts',
	'tests/e2e/offline.test.ts',
	'tests/e2e/plan.test.ts',
	'tests/e2e/privacy.test.ts',
	'tests/e2e/research.test.ts',
	'tests/e2e/toolbox.test.ts',
	'tests/e2e/trainer-week.test.ts',
	'tests/e2e/usage.test.ts',
	'tests/e2e/workbook.test.ts'
];
