/**
 * The support network as a picture: "ik" in the middle and a ring per how often the participant is
 * in touch (every day closest, less often furthest), each person a dot on their ring with their
 * name under it. Pure geometry, drawn as SVG by the network page (and usable by the workbook);
 * the page gives it a text alternative that names the same people per ring.
 */
import { CONTACT_FREQUENCIES, type ContactFrequency } from '$lib/domain/toolbox';

/** The picture's width and height (the SVG's viewBox is square). */
export const PICTURE_SIZE = 520;
const CENTRE = PICTURE_SIZE / 2;
/** The radius of "ik" and of each ring, closest first. */
const ME_RADIUS = 36;
const RING_RADIUS: Record<ContactFrequency, number> = { daily: 75, weekly: 125, monthly: 175, less: 225 };
/** Each ring's people start a little turned, so that names on different rings do not line up. */
const RING_TURN: Record<ContactFrequency, number> = { daily: 0, weekly: 10, monthly: -10, less: 5 };
/**
 * People sit on the top 240° of their ring, the bottom left free for the rings' names. Degrees,
 * clockwise from the right (SVG's direction): -210 is left of the top, 30 right of the bottom.
 */
const ARC_FROM = -210;
const ARC = 240;
/** A name longer than this is shortened in the picture (the text alternative has it whole). */
const LABEL_MAX = 14;
/** The names' size, and about how wide a character of it is, to keep a name inside the picture. */
export const LABEL_SIZE = 26;
const CHARACTER_WIDTH = 14;

export interface PictureRing {
	frequency: ContactFrequency;
	r: number;
	/** Where the ring's name sits: just inside the bottom of the ring. */
	labelY: number;
}

export interface PicturePerson {
	id: string;
	frequency: ContactFrequency;
	x: number;
	y: number;
	/** The name as the picture shows it (shortened), and where it sits: under the dot, inside the picture. */
	label: string;
	labelX: number;
	labelY: number;
}

export interface NetworkPicture {
	size: number;
	centre: number;
	meRadius: number;
	rings: PictureRing[];
	people: PicturePerson[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The name as it fits in the picture: at most LABEL_MAX characters, with "…" when shortened. */
export function pictureLabel(name: string): string {
	const characters = [...name];
	return characters.length <= LABEL_MAX
		? name
		: `${characters
				.slice(0, LABEL_MAX - 1)
				.join('')
				.trimEnd()}…`;
}

/** Where everyone sits: each ring's people spread evenly over its arc, in the order given. */
export function networkPicture(
	people: { id: string; name: string; frequency: ContactFrequency }[]
): NetworkPicture {
	const placed: PicturePerson[] = [];
	for (const frequency of CONTACT_FREQUENCIES) {
		const ring = people.filter((person) => person.frequency === frequency);
		const r = RING_RADIUS[frequency];
		ring.forEach((person, index) => {
			const degrees = ARC_FROM + (ARC * (index + 0.5)) / ring.length + RING_TURN[frequency];
			const angle = (degrees * Math.PI) / 180;
			const x = CENTRE + r * Math.cos(angle);
			const y = CENTRE + r * Math.sin(angle);
			const label = pictureLabel(person.name);
			const half = ([...label].length * CHARACTER_WIDTH) / 2 + 4;
			placed.push({
				id: person.id,
				frequency,
				x: round(x),
				y: round(y),
				label,
				labelX: round(Math.min(Math.max(x, half), PICTURE_SIZE - half)),
				labelY: round(Math.min(y + LABEL_SIZE + 6, PICTURE_SIZE - 6))
			});
		});
	}
	return {
		size: PICTURE_SIZE,
		centre: CENTRE,
		meRadius: ME_RADIUS,
		rings: CONTACT_FREQUENCIES.map((frequency) => ({
			frequency,
			r: RING_RADIUS[frequency],
			labelY: CENTRE + RING_RADIUS[frequency] - 10
		})),
		people: placed
	};
}
