import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentModule, moduleStatus, neighbours, resumeStep, visibleModules } from './curriculum';

const steps = ['01-a', '02-b', '03-c'];

describe('visibleModules', () => {
	it('leaves out closed modules and follows the group order', () => {
		const modules = [
			{ number: 1, state: 'open' as const, position: 2 },
			{ number: 2, state: 'closed' as const, position: 1 },
			{ number: 3, state: 'coming' as const, position: 1 }
		];
		expect(visibleModules(modules).map((m) => m.number)).toEqual([3, 1]);
	});
});

describe('moduleStatus', () => {
	it('is not open while coming or closed, whatever was read before', () => {
		const all = steps.map((stepKey) => ({ stepKey, seen: true, done: true }));
		expect(moduleStatus('coming', steps, all)).toBe('not_open');
		expect(moduleStatus('closed', steps, all)).toBe('not_open');
	});
	it('is new, current, then done', () => {
		expect(moduleStatus('open', steps, [])).toBe('new');
		expect(moduleStatus('open', steps, [{ stepKey: '01-a', seen: true, done: false }])).toBe('current');
		expect(
			moduleStatus(
				'open',
				steps,
				steps.map((stepKey) => ({ stepKey, seen: true, done: true }))
			)
		).toBe('done');
	});
	it('counts only the steps the group shows: a hidden step does not keep a module unfinished', () => {
		const progress = ['01-a', '03-c'].map((stepKey) => ({ stepKey, seen: true, done: true }));
		expect(moduleStatus('open', ['01-a', '03-c'], progress)).toBe('done');
	});
});

describe('resumeStep', () => {
	it('goes on at the first step not done, and starts over when all are done', () => {
		expect(resumeStep(steps, [{ stepKey: '01-a', seen: true, done: true }])).toBe('02-b');
		expect(
			resumeStep(
				steps,
				steps.map((stepKey) => ({ stepKey, seen: true, done: true }))
			)
		).toBe('01-a');
		expect(resumeStep([], [])).toBeNull();
	});
	it('always returns one of the steps shown', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1 }),
				fc.array(fc.record({ stepKey: fc.string(), seen: fc.boolean(), done: fc.boolean() })),
				(keys, progress) => {
					expect(keys).toContain(resumeStep(keys, progress));
				}
			)
		);
	});
});

describe('currentModule', () => {
	it('prefers a module in progress, then the first new one', () => {
		expect(currentModule([{ status: 'done' }, { status: 'new' }, { status: 'current' }])).toEqual({
			status: 'current'
		});
		expect(currentModule([{ status: 'done' }, { status: 'not_open' }, { status: 'new' }])).toEqual({
			status: 'new'
		});
		expect(currentModule([{ status: 'done' as const }])).toBeNull();
	});
});

describe('neighbours', () => {
	it('knows the previous and next step and the position', () => {
		expect(neighbours(steps, '02-b')).toEqual({ index: 1, total: 3, previous: '01-a', next: '03-c' });
		expect(neighbours(steps, '01-a').previous).toBeNull();
		expect(neighbours(steps, '03-c').next).toBeNull();
	});
});
