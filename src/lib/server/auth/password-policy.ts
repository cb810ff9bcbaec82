/**
 * New passwords per OWASP ASVS 5.0 §6.2: at least 8 characters, up to 128 accepted, no rules about
 * kinds of characters, and not one of the ~49,000 most common passwords (zxcvbn-ts's list, which
 * includes Dutch ones). Paste is always allowed in the forms.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

let common: Set<string> | undefined;

/** Whether a password is on the common-password list (case-insensitive). */
export function isCommonPassword(password: string): boolean {
	common ??= new Set(dictionary['passwords-common']);
	return common.has(password.toLowerCase());
}

/** The field for a new password; error messages are keys of messages/*.json ("error_…"). */
export const newPassword = z
	.string()
	.min(8, 'password_too_short')
	.max(128, 'password_too_long')
	.refine((value) => !isCommonPassword(value), 'password_too_common');
