/**
 * The pieces the demo history (history.ts) is made of: a small seeded random-number generator
 * (same seed, same numbers; never Math.random) and clearly synthetic Dutch-looking names and short
 * sentences of our own. Pure: no database, no clock.
 */

/** A seeded pseudo-random generator (mulberry32): fast, 32-bit state, good enough for demo data. */
export interface Prng {
	/** A number in [0, 1). */
	next(): number;
	/** A whole number in [0, n). */
	int(n: number): number;
	/** A whole number in [from, to]. */
	between(from: number, to: number): number;
	/** True with probability p. */
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** A version-4-shaped UUID made of the generator's numbers. */
	uuid(): string;
}

export function prng(seed: number): Prng {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	const hex = (digits: number) => {
		let out = '';
		for (let i = 0; i < digits; i++) out += int(16).toString(16);
		return out;
	};
	return {
		next,
		int,
		between: (from, to) => from + int(to - from + 1),
		chance: (p) => next() < p,
		pick: <T>(items: readonly T[]): T => {
			if (items.length === 0) throw new Error('pick from an empty list');
			return items[int(items.length)] as T;
		},
		uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`
	};
}

const FIRST_NAMES = [
	'Anouk',
	'Bas',
	'Cor',
	'Daan',
	'Els',
	'Fenna',
	'Gert',
	'Hilde',
	'Ilse',
	'Jan',
	'Karin',
	'Lars',
	'Mila',
	'Niels',
	'Olga',
	'Pim',
	'Roos',
	'Sem',
	'Tess',
	'Ugo',
	'Vera',
	'Wim',
	'Yara',
	'Zeynep',
	'Ayoub',
	'Bilal',
	'Chantal',
	'Dirk',
	'Esther',
	'Farid',
	'Greet',
	'Henk',
	'Iris',
	'Joost',
	'Lotte',
	'Marco',
	'Nadia',
	'Otto',
	'Petra',
	'Ricardo',
	'Saskia',
	'Thijs',
	'Wendy',
	'Youssef'
] as const;
const LAST_NAMES = [
	'de Vries',
	'Jansen',
	'Bakker',
	'Visser',
	'Smit',
	'Meijer',
	'de Boer',
	'Mulder',
	'de Groot',
	'Bos',
	'Vos',
	'Peters',
	'Hendriks',
	'van Leeuwen',
	'Dekker',
	'Brouwer',
	'de Wit',
	'Dijkstra',
	'Kaya',
	'Yilmaz',
	'El Amrani',
	'Martina',
	'Koster',
	'Prins',
	'van Dam',
	'Kok',
	'Hoekstra'
] as const;

/** A synthetic name, visibly marked as demo: "Roos Bakker (demo)". */
export function syntheticName(random: Prng): { first: string; last: string; displayName: string } {
	const first = random.pick(FIRST_NAMES);
	const last = random.pick(LAST_NAMES);
	return { first, last, displayName: `${first} ${last} (demo)` };
}

/** A unique synthetic address at the demo domain: "roos.bakker.17@demo.herstelpad.example". */
export function syntheticEmail(first: string, last: string, serial: number, domain: string): string {
	const local = `${first}.${last}`
		.normalize('NFKD')
		.replace(/[^\w. ]/g, '')
		.toLowerCase()
		.replace(/\s+/g, '');
	return `${local}.${serial}@${domain}`;
}

export type LifeArea = 'housing' | 'work' | 'relationships' | 'health' | 'leisure' | 'learning' | 'meaning';

/** Recovery goals in a participant's own words (synthetic), with why they matter and steps towards them. */
export const GOALS: readonly { area: LifeArea; text: string; why: string; steps: readonly string[] }[] = [
	{
		area: 'work',
		text: 'Ik wil weer vrijwilligerswerk doen.',
		why: 'Dan heb ik iets te doen en zie ik mensen.',
		steps: [
			'Drie plekken opzoeken waar ik kan helpen.',
			'Eén plek bellen.',
			'Een middag meedraaien.',
			'Twee ochtenden per week gaan.'
		]
	},
	{
		area: 'health',
		text: 'Ik wil beter slapen.',
		why: 'Als ik goed slaap, kan ik meer aan.',
		steps: [
			'Elke dag om half elf naar bed.',
			'Een uur voor bed geen telefoon.',
			'Overdag een half uur wandelen.',
			'Bijhouden hoe ik slaap.'
		]
	},
	{
		area: 'relationships',
		text: 'Ik wil meer contact met mijn broer.',
		why: 'Ik mis hem en hij kan mij steunen.',
		steps: ['Mijn broer een bericht sturen.', 'Samen koffie drinken.', 'Elke week even bellen.']
	},
	{
		area: 'housing',
		text: 'Ik wil mijn huis op orde houden.',
		why: 'Dan voel ik me rustiger thuis.',
		steps: ['Elke dag de afwas doen.', 'Op zaterdag een kamer opruimen.', 'Mijn post elke week openmaken.']
	},
	{
		area: 'leisure',
		text: 'Ik wil weer gaan zwemmen.',
		why: 'Zwemmen maakte me vroeger blij.',
		steps: [
			'De tijden van het zwembad opzoeken.',
			'Een keer gaan met een vriendin.',
			'Elke week één keer zwemmen.'
		]
	},
	{
		area: 'learning',
		text: 'Ik wil een cursus koken volgen.',
		why: 'Ik wil gezonder eten en iets nieuws leren.',
		steps: ['Een cursus in de buurt zoeken.', 'Me aanmelden.', 'Thuis één recept uitproberen.']
	},
	{
		area: 'meaning',
		text: 'Ik wil elke dag iets doen waar ik blij van word.',
		why: 'Dan zie ik dat het leven ook mooie kanten heeft.',
		steps: [
			'Een lijstje maken van wat mij blij maakt.',
			'Elke dag één ding van de lijst doen.',
			'Aan het eind van de dag opschrijven wat goed ging.'
		]
	}
];

/** What a participant wants to bring up in the group (short, own words, nothing identifying). */
export const BRING_UP = [
	'Het ging deze week beter dan ik dacht.',
	'Ik vond het moeilijk om op tijd op te staan.',
	'Ik wil graag praten over slapen.',
	'Ik was erg moe deze week.',
	'Ik heb mijn stap gedaan!',
	'Ik merkte weer stress bij drukte.',
	'Ik wil vragen hoe anderen dit doen.',
	'Het wandelen helpt mij echt.'
] as const;

export const MESSAGES_FROM_PARTICIPANT = [
	'Ik kan volgende week niet komen, ik heb een afspraak.',
	'Ik snap de thuisopdracht niet goed. Kunt u helpen?',
	'Het gaat even niet zo goed met mij.',
	'Ik heb mijn stap gehaald deze week.',
	'Waar vind ik de video van vorige week?',
	'Mag ik mijn doel nog veranderen?'
] as const;

export const MESSAGES_FROM_TRAINER = [
	'Dank voor je bericht. Fijn dat je het laat weten.',
	'Goed gedaan! We bespreken het donderdag.',
	'Vervelend om te horen. Wil je dat ik je even bel?',
	'De video staat bij de module van deze week.',
	'Ja hoor, dat kan. We kijken er samen naar.',
	'Tot volgende week, sterkte!'
] as const;

export const HOME_PRACTICE: readonly { nl: string; en: string }[] = [
	{
		nl: 'Schrijf drie dingen op die je deze week hielpen.',
		en: 'Write down three things that helped you this week.'
	},
	{ nl: 'Vertel iemand over je doel.', en: 'Tell someone about your goal.' },
	{
		nl: 'Let op een moment van stress. Wat deed je toen?',
		en: 'Notice a moment of stress. What did you do then?'
	},
	{ nl: 'Probeer een ontspanningsoefening uit.', en: 'Try out a relaxation exercise.' },
	{
		nl: 'Schrijf op wie jou kan steunen als het minder gaat.',
		en: 'Write down who can support you when things are harder.'
	},
	{ nl: 'Zet één kleine stap naar je doel.', en: 'Take one small step towards your goal.' }
];

export const PRACTICE_ANSWERS = [
	'Wandelen, muziek luisteren en mijn zus bellen.',
	'Ik heb het aan mijn buurvrouw verteld.',
	'Ik werd onrustig in de winkel. Ik ben even buiten gaan staan.',
	'De ademoefening hielp een beetje.',
	'Mijn vriend en mijn huisarts.',
	'Ik heb de stap gedaan, het was spannend.',
	'Het lukte deze week niet zo goed.',
	'Ik heb het twee keer geprobeerd.'
] as const;

export const PRACTICE_FEEDBACK = [
	'Mooi dat je dit hebt opgeschreven.',
	'Goed geprobeerd! Wat zou je volgende keer anders doen?',
	'Knap gedaan. Bespreken we het in de groep?',
	'Fijn dat je het eerlijk zegt. Het mag ook lastig zijn.'
] as const;

export const HELP_PATHS = ['/', '/check-in', '/doel', '/modules', '/thuisopdracht', '/berichten'] as const;

export const HELP_CLOSE_NOTES = [
	'Samen naar het scherm gekeken; het lukt nu.',
	'Gebeld en uitgelegd.',
	'In de groep besproken.',
	'Wachtwoord opnieuw ingesteld met een nieuwe inlogkaart.'
] as const;

export const GROUP_PLACES = [
	'Oost',
	'Centrum',
	'Zuid',
	'Noord',
	'West',
	'Haven',
	'Park',
	'Molenwijk',
	'Dijkzicht',
	'Bloemhof'
] as const;

export const LOCATIONS = [
	'Buurthuis De Linde, zaal 1 (demo)',
	'Wijkcentrum Het Anker (demo)',
	'GGZ-locatie Parkweg, groepsruimte (demo)',
	'Bibliotheek Centrum, zaal 3 (demo)'
] as const;
