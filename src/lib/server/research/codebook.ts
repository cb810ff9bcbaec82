/**
 * The codebook that comes with every research export: each file's columns, what they mean and which
 * values they take, in Dutch and English (a data document for researchers, kept beside the columns it
 * describes so the two change together).
 */
import { csvField } from '../audit/csv';

export interface CodebookEntry {
	file: string;
	column: string;
	nl: string;
	en: string;
	values: string;
}

const PSEUDONYM = {
	column: 'pseudonym',
	nl: 'Schuilnaam van de deelnemer: gelijk binnen deze studie, anders in elke andere studie.',
	en: "The participant's pseudonym: the same within this study, different in every other study.",
	values: '16 hex characters'
};

/** The columns of every file, in the order the files write them. */
export const codebook: CodebookEntry[] = [
	{ file: 'participants.csv', ...PSEUDONYM },
	{
		file: 'participants.csv',
		column: 'group_pseudonym',
		nl: 'Schuilnaam van de groep waar de deelnemer het laatst in kwam (leeg: geen groep).',
		en: 'Pseudonym of the group the participant joined last (empty: no group).',
		values: '16 hex characters, or empty'
	},
	{
		file: 'participants.csv',
		column: 'start_week',
		nl: 'Cursusweek waarin de deelnemer in de groep kwam; 0 is de week van de eerste bijeenkomst, negatief is ervoor.',
		en: "Course week in which the participant joined the group; 0 is the week of the group's first session, negative is before it.",
		values: 'whole number, or empty'
	},
	{ file: 'check_ins.csv', ...PSEUDONYM },
	{
		file: 'check_ins.csv',
		column: 'week',
		nl: 'Cursusweek van de check-in, geteld vanaf de start van de groep (0 = eerste week).',
		en: "Course week of the check-in, counted from the group's start (0 = first week).",
		values: 'whole number'
	},
	{
		file: 'check_ins.csv',
		column: 'worked',
		nl: 'Lukte de stap van die week?',
		en: "Did that week's step work out?",
		values: 'yes = yes; a_bit = partly; not_yet = no'
	},
	{
		file: 'check_ins.csv',
		column: 'closeness',
		nl: 'Hoe dichtbij voelt het doel?',
		en: 'How close does the goal feel?',
		values: '1 (far away) to 5 (very close)'
	},
	{ file: 'goals.csv', ...PSEUDONYM },
	{
		file: 'goals.csv',
		column: 'life_area',
		nl: 'Levensgebied van het doel (de tekst van het doel staat er niet in).',
		en: "Life area of the goal (the goal's text is not included).",
		values: 'housing, work, relationships, health, leisure, learning, meaning'
	},
	{
		file: 'goals.csv',
		column: 'status',
		nl: 'Stand van het doel.',
		en: 'Status of the goal.',
		values: 'active, reached, stopped'
	},
	{
		file: 'goals.csv',
		column: 'weeks_to_close',
		nl: 'Hele weken van het maken van het doel tot het bereikt of gestopt werd (leeg: nog actief).',
		en: 'Whole weeks from setting the goal to reaching or stopping it (empty: still active).',
		values: 'whole number, or empty'
	},
	{ file: 'module_progress.csv', ...PSEUDONYM },
	{
		file: 'module_progress.csv',
		column: 'module',
		nl: 'Nummer van de IMR-module.',
		en: 'Number of the IMR module.',
		values: 'whole number'
	},
	{
		file: 'module_progress.csv',
		column: 'steps_done',
		nl: 'Aantal stappen van de module dat de deelnemer afrondde.',
		en: 'Number of steps of the module the participant finished.',
		values: 'whole number'
	},
	{ file: 'measures.csv', ...PSEUDONYM },
	{
		file: 'measures.csv',
		column: 'moment',
		nl: 'Meetmoment: maanden na de start van de groep.',
		en: "Measurement moment: months after the group's start.",
		values: 'whole number'
	},
	{
		file: 'measures.csv',
		column: 'version',
		nl: 'Wie de vragenlijst invulde.',
		en: 'Who filled in the questionnaire.',
		values: 'imr_participant = the participant; imr_clinician = the trainer'
	},
	{
		file: 'measures.csv',
		column: 'factor',
		nl: 'De score: het totaal (gemiddelde van alle items) of een factor van de vragenlijst.',
		en: "The score: the total (mean of all items) or one of the questionnaire's factors.",
		values: "total, or the factor's code"
	},
	{
		file: 'measures.csv',
		column: 'score',
		nl: 'Gemiddelde itemscore (leeg: te weinig antwoorden om te scoren).',
		en: 'Mean item score (empty: too few answers to score).',
		values: 'number with up to 2 decimals, or empty'
	},
	{ file: 'attendance.csv', ...PSEUDONYM },
	{
		file: 'attendance.csv',
		column: 'session_week',
		nl: 'Cursusweek van de bijeenkomst, geteld vanaf de start van de groep (0 = eerste week).',
		en: "Course week of the session, counted from the group's start (0 = first week).",
		values: 'whole number'
	},
	{
		file: 'attendance.csv',
		column: 'status',
		nl: 'Aanwezigheid bij de bijeenkomst.',
		en: 'Attendance at the session.',
		values: 'present, excused (afgemeld), absent'
	}
];

/** The codebook as CSV, one line per column. */
export function codebookCsv(): string {
	const lines = [['file', 'column', 'meaning_nl', 'meaning_en', 'values'].join(',')];
	for (const entry of codebook)
		lines.push([entry.file, entry.column, entry.nl, entry.en, entry.values].map(csvField).join(','));
	return lines.join('\r\n') + '\r\n';
}

/** The columns of `file`, as the codebook lists them. */
export function columnsOf(file: string): string[] {
	return codebook.filter((entry) => entry.file === file).map((entry) => entry.column);
}
