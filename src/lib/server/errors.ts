/**
 * The one error vocabulary of capabilities: what went wrong, in domain words. Capabilities throw these
 * (never SvelteKit's `error()`); routes map them to HTTP once, through `$lib/server/route` — NotFound 404,
 * Forbidden 403, Invalid 400 (a form shows the message beside the field), Conflict 409.
 */
export abstract class DomainError extends Error {
	abstract readonly status: 400 | 403 | 404 | 409;
}

/** The object does not exist for this actor: also what another organisation's ids get (no hint it exists). */
export class NotFound extends DomainError {
	readonly status = 404;
	constructor(readonly what = 'object') {
		super(`${what} not found`);
		this.name = 'NotFound';
	}
}

/** The actor may see that the object exists but may not do this to it. */
export class Forbidden extends DomainError {
	readonly status = 403;
	constructor(readonly reason = 'forbidden') {
		super(reason);
		this.name = 'Forbidden';
	}
}

/** Input the capability refuses: `field` names the form field, `message` is a message key (e.g. 'required'). */
export class Invalid extends DomainError {
	readonly status = 400;
	constructor(
		readonly field: string,
		readonly messageKey: string
	) {
		super(`${field}: ${messageKey}`);
		this.name = 'Invalid';
	}
}

/** The object is not in a state that allows this (already closed, already sent, moved meanwhile). */
export class Conflict extends DomainError {
	readonly status = 409;
	constructor(readonly messageKey = 'conflict') {
		super(messageKey);
		this.name = 'Conflict';
	}
}

/** Whether a thrown value is one of ours (anything else is a fault: logged and answered 500 or 503). */
export function isDomainError(value: unknown): value is DomainError {
	return value instanceof DomainError;
}
