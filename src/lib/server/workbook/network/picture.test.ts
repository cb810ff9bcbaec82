import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTACT_FREQUENCIES, type ContactFrequency } from '$lib/domain/toolbox';
import { networkPicture, pictureLabel } from './picture';

const distance = (point: { x: number; y: number }, centre: number) =>
	Math.hypot(point.x - centre, point.y - centre);

describe('networkPicture', () => {
	it('puts who is in touch more often on a ring closer to "ik"', () => {
		const picture = networkPicture(
			CONTACT_FREQUENCIES.map((frequency) => ({ id: frequency, name: frequency, frequency }))
		);
		const radii = picture.people.map((person) => Math.round(distance(person, picture.centre)));
		expect(radii).toEqual(picture.rings.map((ring) => ring.r));
		expect([...radii].sort((a, b) => a - b)).toEqual(radii);
		expect(radii[0]).toBeGreaterThan(picture.meRadius);
	});

	it('shortens a long name in the picture only', () => {
		expect(pictureLabel('Mijn zus')).toBe('Mijn zus');
		expect(pictureLabel('Mijn lieve buurvrouw van hiernaast')).toBe('Mijn lieve bu…');
		expect([...pictureLabel('😀'.repeat(30))]).toHaveLength(14);
	});

	it('keeps every dot and name inside the picture, however many people and however long their names', () => {
		const person = fc.record({
			id: fc.uuid(),
			name: fc.string({ minLength: 1, maxLength: 60 }),
			frequency: fc.constantFrom<ContactFrequency>(...CONTACT_FREQUENCIES)
		});
		fc.assert(
			fc.property(fc.array(person, { maxLength: 50 }), (people) => {
				const picture = networkPicture(people);
				expect(picture.people).toHaveLength(people.length);
				for (const placed of picture.people) {
					for (const value of [placed.x, placed.y, placed.labelX, placed.labelY]) {
						expect(value).toBeGreaterThanOrEqual(0);
						expect(value).toBeLessThanOrEqual(picture.size);
					}
					// Not on the bottom of the rings, where their names are.
					expect(placed.y).toBeLessThan(picture.centre + picture.rings[3]!.r * 0.7);
				}
			}),
			{ numRuns: 200 }
		);
	});
});
