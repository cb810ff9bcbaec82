import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, survivingDatabaseLoss } from './unavailable';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('isDatabaseUnavailable', () => {
	it.each([
		['a refused connection', withCode('ECONNREFUSED')],
		['a reset connection', withCode('ECONNRESET')],
		['pg_terminate_backend', withCode('57P01')],
		['a crashed server', withCode('57P02')],
		['a server still starting', withCode('57P03')],
		['a connection exception', withCode('08006')],
		['an ended connection', new Error('Connection terminated unexpectedly')],
		['a pool time-out', new Error('timeout exceeded when trying to connect')],
		[
			'a database closed for maintenance',
			new Error('database "herstelpad" is not currently accepting connections')
		],
		['a broken client', new Error('Client has encountered a connection error and is not queryable')],
		['a wrapped driver error', new Error('Failed query: select 1', { cause: withCode('57P01') })],
		['every address refused', Object.assign(new AggregateError([withCode('ECONNREFUSED')]), {})]
	])('says yes to %s', (_name, error) => {
		expect(isDatabaseUnavailable(error)).toBe(true);
	});

	it.each([
		['a unique violation', withCode('23505')],
		['a NUL byte refused', withCode('22021')],
		['a plain bug', new TypeError('x is undefined')],
		['nothing', undefined],
		['a string', 'ECONNREFUSED']
	])('says no to %s', (_name, error) => {
		expect(isDatabaseUnavailable(error)).toBe(false);
	});
});

describe('survivingDatabaseLoss', () => {
	it('logs a rejection because the database is away, and lets the process live', () => {
		const logged: unknown[] = [];
		const error = withCode('ECONNREFUSED');
		survivingDatabaseLoss((reason) => logged.push(reason))(error);
		expect(logged).toEqual([error]);
	});

	it('throws any other rejection on, so that it still ends the process', () => {
		const logged: unknown[] = [];
		const bug = new TypeError('undefined is not a function');
		expect(() => survivingDatabaseLoss((reason) => logged.push(reason))(bug)).toThrow(bug);
		expect(logged).toEqual([]);
	});
});
