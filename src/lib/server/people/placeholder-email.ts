/**
 * Participants without email still need a login identity (a card signs them in); their identity
 * gets a placeholder address in the reserved `.invalid` domain that never receives mail.
 */
const PLACEHOLDER_DOMAIN = 'deelnemer.herstelpad.invalid';

/** The placeholder address for a person without email. */
export function placeholderEmail(personId: string): string {
	return `${personId}@${PLACEHOLDER_DOMAIN}`;
}

/** Whether an identity's address is a real one (mail can be sent, a password can be used). */
export function isRealEmail(email: string): boolean {
	return !email.endsWith('.invalid');
}
