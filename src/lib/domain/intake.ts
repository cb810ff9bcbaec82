/**
 * The digital-readiness intake: the questions (one per screen) and the path its answers suggest —
 * the app on the participant's own device, the app with starter lessons and extra guidance, or the
 * paper workbook with the trainer entering answers.
 */
/** The questions, one per screen, in order: named for the answer each gives (the form has its own names). */
export const INTAKE_QUESTIONS = ['device', 'internetAtHome', 'hasEmail', 'confidence', 'helpWanted'] as const;
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

/** The answers from the wizard's text answers ('yes'/'no', a device, 1–5), or null while one is missing or not allowed. */
export function parseIntake(values: Partial<Record<string, string>>): IntakeAnswers | null {
	const yesNo = (value: string | undefined) => (value === 'yes' ? true : value === 'no' ? false : null);
	const device = DEVICES.find((option) => option === values.device);
	const internetAtHome = yesNo(values.internetAtHome);
	const hasEmail = yesNo(values.hasEmail);
	const helpWanted = yesNo(values.helpWanted);
	const confidence = /^[1-5]$/.test(values.confidence ?? '') ? Number(values.confidence) : null;
	if (!device || internetAtHome === null || hasEmail === null || helpWanted === null || confidence === null)
		return null;
	return { device, internetAtHome, hasEmail, confidence, helpWanted };
}

/** Whether one screen's answer is allowed (for the error on that screen). */
export function validIntakeAnswer(question: IntakeQuestion, value: string | undefined): boolean {
	switch (question) {
		case 'device':
			return (DEVICES as readonly string[]).includes(value ?? '');
		case 'confidence':
			return /^[1-5]$/.test(value ?? '');
		case 'internetAtHome':
		case 'hasEmail':
		case 'helpWanted':
			return value === 'yes' || value === 'no';
	}
}
