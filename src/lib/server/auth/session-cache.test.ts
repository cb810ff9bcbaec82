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
