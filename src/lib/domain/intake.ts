/**
 * The digital-readiness intake: the questions (one per screen) and the path its answers suggest —
 * the app on the participant's own device, the app with starter lessons and extra guidance, or the
 * paper workbook with the trainer entering answers.
 */
export const INTAKE_QUESTIONS = ['apparaat', 'internet', 'email', 'vertrouwen', 'hulp'] as const;
export type IntakeQuestion = (typeof INTAKE_QUESTIONS)[number];
export const DEVICES = ['smartphone', 'tablet', 'computer', 'none'] as const;
export type Device = (typeof DEVICES)[number];
export type IntakePath = 'own_device' | 'guided' | 'paper';

export interface IntakeAnswers {
	device: Device;
	internetAtHome: boolean;
	hasEmail: boolean;
	/** How confident with apps, 1 (not at all) to 5 (very). */
	confidence: number;
	helpWanted: boolean;
}

export function suggestPath(answers: IntakeAnswers): IntakePath {
	if (answers.device === 'none' || !answers.internetAtHome) return 'paper';
	if (answers.confidence <= 2 || answers.helpWanted) return 'guided';
	return 'own_device';
}

/** The answers from the wizard's fields, or null while one is missing or not allowed. */
export function parseIntake(values: Record<string, string | undefined>): IntakeAnswers | null {
	const yesNo = (value: string | undefined) => (value === 'ja' ? true : value === 'nee' ? false : null);
	const device = DEVICES.find((option) => option === values.apparaat);
	const internetAtHome = yesNo(values.internet);
	const hasEmail = yesNo(values.email);
	const helpWanted = yesNo(values.hulp);
	const confidence = /^[1-5]$/.test(values.vertrouwen ?? '') ? Number(values.vertrouwen) : null;
	if (!device || internetAtHome === null || hasEmail === null || helpWanted === null || confidence === null)
		return null;
	return { device, internetAtHome, hasEmail, confidence, helpWanted };
}

/** Whether one screen's answer is allowed (for the error on that screen). */
export function validIntakeAnswer(question: IntakeQuestion, value: string | undefined): boolean {
	switch (question) {
		case 'apparaat':
			return (DEVICES as readonly string[]).includes(value ?? '');
		case 'vertrouwen':
			return /^[1-5]$/.test(value ?? '');
		case 'internet':
		case 'email':
		case 'hulp':
			return value === 'ja' || value === 'nee';
	}
}
