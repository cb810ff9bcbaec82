import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditEventTypes } from '$lib/server/audit/record';
import { signInFailures } from '$lib/server/auth/events';
import { auditEventText, describeAuditRow, signInFailureText } from './audit-text';

const messages = {
	nl: JSON.parse(readFileSync('messages/nl.json', 'utf8')) as Record<string, string>,
	en: JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, string>
};

describe('the access log in words', () => {
	it('has a Dutch and an English text for every event type the code records', () => {
		for (const type of auditEventTypes) {
			const key = `audit_event_${type.replace(/\./g, '_')}`;
			for (const lang of ['nl', 'en'] as const) expect(messages[lang][key], `${lang} ${key}`).toBeTruthy();
			expect(auditEventText[type], type).toBeTypeOf('function');
			expect(auditEventText[type]({}, { locale: 'nl' })).toBe(messages.nl[key]);
			expect(auditEventText[type]({}, { locale: 'en' })).toBe(messages.en[key]);
		}
		expect(Object.keys(auditEventText).sort()).toEqual([...auditEventTypes].sort());
	});

	it('has a Dutch and an English text for every reason a sign-in can fail', () => {
		for (const reason of signInFailures) {
			const key = `audit_failure_${reason}`;
			for (const lang of ['nl', 'en'] as const) expect(messages[lang][key], `${lang} ${key}`).toBeTruthy();
			expect(signInFailureText[reason]({}, { locale: 'en' })).toBe(messages.en[key]);
		}
		expect(Object.keys(signInFailureText).sort()).toEqual([...signInFailures].sort());
	});

	it('says which page a refusal was for, and why a sign-in failed', () => {
		const denied = { eventType: 'access.denied', objectType: 'route', objectId: '/beheer/logboek' };
		expect(describeAuditRow(denied, 'nl')).toBe('Toegang geweigerd: pagina /beheer/logboek');
		expect(describeAuditRow(denied, 'en')).toBe('Access refused: page /beheer/logboek');
		const failed = { eventType: 'auth.sign_in_failed', objectType: 'sign_in_failure', objectId: 'card_used' };
		expect(describeAuditRow(failed, 'nl')).toBe('Inloggen mislukt: de kaart was al gebruikt');
		expect(describeAuditRow(failed, 'en')).toBe('Sign-in failed: the card was already used');
		const read = { eventType: 'group.participants.read', objectType: 'group', objectId: 'x' };
		expect(describeAuditRow(read, 'en')).toBe("Viewed a group's participant list");
		// A code the texts do not know (an older row) is shown as it is, never hidden.
		expect(describeAuditRow({ eventType: 'old.event', objectType: null, objectId: null }, 'nl')).toBe(
			'old.event'
		);
	});
});
