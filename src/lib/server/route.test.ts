import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, Invalid, NotFound } from './errors';
import { answered, answeredAction } from './route';

const posted = (fields: Record<string, string>) => ({
	request: new Request('http://localhost/x', { method: 'POST', body: new URLSearchParams(fields) })
});

async function thrownBy(run: () => Promise<unknown>): Promise<unknown> {
	try {
		await run();
	} catch (thrown) {
		return thrown;
	}
	throw new Error('nothing was thrown');
}

describe('answered', () => {
	it('turns NotFound into 404 and Forbidden into 403, and lets other errors pass', async () => {
		const notFound = await thrownBy(() => answered(async () => Promise.reject(new NotFound()))({}));
		expect(isHttpError(notFound, 404)).toBe(true);
		const forbidden = await thrownBy(() => answered(async () => Promise.reject(new Forbidden()))({}));
		expect(isHttpError(forbidden, 403)).toBe(true);
		const fault = new Error('fault');
		expect(await thrownBy(() => answered(async () => Promise.reject(fault))({}))).toBe(fault);
		expect(await answered(async () => 'fine')({})).toBe('fine');
	});
});

describe('answeredAction', () => {
	it('gives Invalid back to the form: the message under its field and what was typed, no secrets', async () => {
		const action = answeredAction(async (event: { request: Request }) => {
			await event.request.formData();
			throw new Invalid('doel', 'goal_required');
		});
		const result = await action(posted({ doel: '', waarom: 'Geld', wachtwoord: 'geheim', sleutel: 'k' }));
		expect(isActionFailure(result)).toBe(true);
		expect(result).toMatchObject({
			status: 400,
			data: {
				field: 'doel',
				error: 'goal_required',
				errors: { doel: 'goal_required' },
				values: { doel: '', waarom: 'Geld' }
			}
		});
	});

	it('gives a Conflict back as 409, also when the action read no form', async () => {
		const result = await answeredAction(async () => Promise.reject(new Conflict('date_taken')))(posted({}));
		expect(result).toMatchObject({ status: 409, data: { errors: { form: 'date_taken' }, values: {} } });
	});

	it('answers NotFound as a 404 page', async () => {
		const thrown = await thrownBy(() =>
			answeredAction(async () => Promise.reject(new NotFound()))(posted({}))
		);
		expect(isHttpError(thrown, 404)).toBe(true);
	});
});
