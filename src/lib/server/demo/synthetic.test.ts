import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GOALS, prng, syntheticEmail, syntheticName } from './synthetic';

describe('prng', () => {
	it('gives the same numbers for the same seed and others for another seed', () => {
		const draw = (seed: number) => {
			const random = prng(seed);
			return Array.from({ length: 20 }, () => random.next());
		};
		expect(draw(20)).toEqual(draw(20));
		expect(draw(20)).not.toEqual(draw(21));
	});

	it('stays in its ranges', () => {
		fc.assert(
			fc.property(
				fc.integer(),
				fc.integer({ min: 1, max: 1000 }),
				fc.integer({ min: -50, max: 50 }),
				(seed, n, from) => {
					const random = prng(seed);
					for (let i = 0; i < 50; i++) {
						const x = random.next();
						expect(x).toBeGreaterThanOrEqual(0);
						expect(x).toBeLessThan(1);
						const k = random.int(n);
						expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
						const b = random.between(from, from + n);
						expect(b >= from && b <= from + n).toBe(true);
					}
				}
			)
		);
	});

	it('makes UUIDs PostgreSQL accepts, the same ones for the same seed', () => {
		const a = prng(5);
		const b = prng(5);
		const ids = Array.from({ length: 200 }, () => a.uuid());
		expect(ids).toEqual(Array.from({ length: 200 }, () => b.uuid()));
		for (const id of ids)
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('spreads its picks over the whole list', () => {
		const random = prng(1);
		const seen = new Set(Array.from({ length: 500 }, () => random.pick(['a', 'b', 'c', 'd'])));
		expect(seen).toEqual(new Set(['a', 'b', 'c', 'd']));
		expect(() => random.pick([])).toThrow();
	});
});

describe('synthetic names', () => {
	it('are marked demo and give plain, unique addresses at the demo domain', () => {
		const random = prng(3);
		const emails = new Set<string>();
		for (let serial = 1; serial <= 300; serial++) {
			const name = syntheticName(random);
			expect(name.displayName).toBe(`${name.first} ${name.last} (demo)`);
			const email = syntheticEmail(name.first, name.last, serial, 'demo.herstelpad.example');
			expect(email).toMatch(/^[a-z]+(\.?[a-z]+)*\.[a-z]+\.\d+@demo\.herstelpad\.example$/);
			emails.add(email);
		}
		expect(emails.size).toBe(300);
		expect(syntheticEmail('Roos', 'van Dam', 7, 'x.example')).toBe('roos.vandam.7@x.example');
		expect(syntheticEmail('Zeynep', 'El Amrani', 1, 'x.example')).toBe('zeynep.elamrani.1@x.example');
	});

	it('have goals with steps and why they matter, short and in our own words', () => {
		for (const goal of GOALS) {
			expect(goal.steps.length).toBeGreaterThanOrEqual(3);
			for (const text of [goal.text, goal.why, ...goal.steps]) expect(text.length).toBeLessThan(80);
		}
	});
});
