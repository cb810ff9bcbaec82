import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, requestLogger } from './log';

describe('requestLogger', () => {
	afterEach(() => vi.restoreAllMocks());

	it('makes the child logger with the request id on the first line only', () => {
		const child = vi.spyOn(logger, 'child');
		const log = requestLogger('5709fe56-3');
		expect(child).not.toHaveBeenCalled();
		log.debug({ step: 1 }, 'first');
		log.warn({ step: 2 }, 'second');
		expect(child).toHaveBeenCalledTimes(1);
		expect(child).toHaveBeenCalledWith({ requestId: '5709fe56-3' });
	});
});
