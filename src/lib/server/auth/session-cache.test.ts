import { describe, expect, it } from 'vitest';
import { RarelyChangingCache, SessionCache } from './session-cache';

describe('SessionCache', () => {
	it('caches nothing until its notification channel is up', () => {
		const cache = new SessionCache<string>();
		cache.set('a', 'user-1', 'row');
		expect(cache.get('a')).toBeUndefined();
		cache.active = true;
		cache.set('a', 'user-1', 'row');
		expect(cache.get('a')).toBe('row');
	});

	it('forgets entries after five seconds, per session, per person, or all at once', () => {
		const cache = new SessionCache<string>();
		cache.active = true;
		cache.set('a', 'user-1', 'a', 0);
		expect(cache.get('a', 5_001)).toBeUndefined();
		cache.set('a', 'user-1', 'a');
		cache.set('b', 'user-1', 'b');
		cache.set('c', 'user-2', 'c');
		cache.evict('session:a');
		expect(cache.get('a')).toBeUndefined();
		cache.evict('user:user-1');
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('c')).toBe('c');
		cache.evict('all');
		expect(cache.get('c')).toBeUndefined();
		cache.set('d', 'user-3', 'd');
		cache.evict('something unexpected');
		expect(cache.get('d')).toBeUndefined();
	});
});

describe('SessionCache.shared', () => {
	function deferred<T>() {
		let resolve!: (value: T) => void;
		let reject!: (error: unknown) => void;
		const promise = new Promise<T>((ok, fail) => {
			resolve = ok;
			reject = fail;
		});
		return { promise, resolve, reject };
	}

	it('runs one load for all requests that miss at the same time, and keeps its result', async () => {
		const cache = new SessionCache<string>();
		cache.active = true;
		const pending = deferred<string>();
		let loads = 0;
		const ask = () =>
			cache.shared(
				'a',
				() => {
					loads++;
					return pending.promise;
				},
				(row) => cache.set('a', 'user-1', row)
			);
		const answers = [ask(), ask(), ask()];
		pending.resolve('row');
		expect(await Promise.all(answers)).toEqual(['row', 'row', 'row']);
		expect(loads).toBe(1);
		expect(cache.get('a')).toBe('row');
	});

	it('does not keep a result when a change was heard of while it loaded; later requests load anew', async () => {
		const cache = new SessionCache<string>();
		cache.active = true;
		const first = deferred<string>();
		const early = cache.shared(
			'a',
			() => first.promise,
			(row) => cache.set('a', 'user-1', row)
		);
		cache.evict('user:user-1');
		let loads = 0;
		const late = cache.shared(
			'a',
			async () => {
				loads++;
				return 'new';
			},
			(row) => cache.set('a', 'user-1', row)
		);
		first.resolve('old');
		expect(await early).toBe('old');
		expect(await late).toBe('new');
		expect(loads).toBe(1);
		expect(cache.get('a')).toBe('new');
	});

	it('abandons only the loads of the key that changed (and its variants)', async () => {
		const cache = new SessionCache<string>();
		cache.active = true;
		const loads = { a: deferred<string>(), aNl: deferred<string>(), b: deferred<string>() };
		const a = cache.shared(
			'a',
			() => loads.a.promise,
			(row) => cache.set('a', 'user-1', row)
		);
		const aNl = cache.shared(
			'a:nl',
			() => loads.aNl.promise,
			(row) => cache.set('a-nl', 'user-1', row)
		);
		const b = cache.shared(
			'b',
			() => loads.b.promise,
			(row) => cache.set('b', 'user-2', row)
		);
		cache.evict('session:a');
		loads.a.resolve('a');
		loads.aNl.resolve('a-nl');
		loads.b.resolve('b');
		expect([await a, await aNl, await b]).toEqual(['a', 'a-nl', 'b']);
		expect(cache.get('a')).toBeUndefined();
		expect(cache.get('a-nl')).toBeUndefined();
		expect(cache.get('b')).toBe('b');
	});

	it('replaces the row of a cached entry, and never brings back one that was evicted', () => {
		const cache = new SessionCache<string>();
		cache.active = true;
		cache.set('a', 'user-1', 'old');
		cache.replace('a', 'touched');
		expect(cache.get('a')).toBe('touched');
		cache.evict('session:a');
		cache.replace('a', 'touched again');
		expect(cache.get('a')).toBeUndefined();
	});

	it('passes a failed load to everyone waiting, and the next request tries again', async () => {
		const cache = new SessionCache<string>();
		cache.active = true;
		const failing = deferred<string>();
		const keep = (row: string) => cache.set('a', 'user-1', row);
		const answers = [
			cache.shared('a', () => failing.promise, keep),
			cache.shared('a', () => failing.promise, keep)
		];
		failing.reject(new Error('database down'));
		for (const answer of answers) await expect(answer).rejects.toThrow('database down');
		expect(await cache.shared('a', async () => 'row', keep)).toBe('row');
	});
});

describe('RarelyChangingCache', () => {
	it('keeps its entries when one session ends, and forgets all on any other change', () => {
		const cache = new RarelyChangingCache<string>();
		cache.active = true;
		cache.set('anna', 'user-1', 'group');
		cache.evict('session:abc');
		expect(cache.get('anna')).toBe('group');
		cache.evict('user:someone-else');
		expect(cache.get('anna')).toBeUndefined();
		cache.set('anna', 'user-1', 'group');
		cache.evict('groups');
		expect(cache.get('anna')).toBeUndefined();
	});
});
