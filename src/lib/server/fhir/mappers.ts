/**
 * Our rows as FHIR R4 resources: pure functions, one per resource type, that the per-participant
 * bundle and the bulk export share. A participant appears only by their pseudonym (./ids.ts); no
 * other person is named (a trainer is "trainer"). Texts in the language given (the bulk export
 * writes Dutch, the organisation's language); the resource shapes are checked by Medplum's
 * validator in the tests (mappers.test.ts, fhir.int.test.ts).
 */
import type {
	Annotation,
	CarePlan,
	CarePlanActivity,
	Encounter,
	Extension,
	Goal,
	GoalTarget,
	Patient,
	Questionnaire,
	QuestionnaireResponse,
	QuestionnaireResponseItem,
	Reference
} from 'fhir/r4';
import type { GoalStatus, LifeArea } from '$lib/domain/goals';
import { readQuestionnaire } from '$lib/domain/measures/questionnaire';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';
import { PSEUDONYM_SYSTEM } from './ids';

/** The score extensions on a QuestionnaireResponse (Herstelpad's own; FHIR has no standard one). */
export const SCORE_EXTENSION = {
	mean: 'https://herstelpad.nl/fhir/StructureDefinition/response-mean',
	factor: 'https://herstelpad.nl/fhir/StructureDefinition/response-factor-mean'
} as const;

/** What every mapper needs: the participant's pseudonym and the language of the texts. */
export interface MapContext {
	/** The participant's pseudonym (the Patient's id). */
	patientId: string;
	locale: Locale;
}

const patientRef = (context: MapContext): Reference => ({ reference: `Patient/${context.patientId}` });
const trainerRef = (context: MapContext): Reference => ({ display: m.fhir_author_trainer({}, context) });
const day = (at: Date) => at.toISOString().slice(0, 10);

export interface PatientRow {
	active: boolean;
	preferredLocale: string | null;
	updatedAt: Date;
}

/** The participant: a pseudonym, marked as such, with no name, birth date or address. */
export function patientResource(row: PatientRow, context: MapContext): Patient {
	return {
		resourceType: 'Patient',
		id: context.patientId,
		meta: {
			lastUpdated: row.updatedAt.toISOString(),
			security: [
				{
					system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
					code: 'PSEUDED',
					display: 'pseudonymized'
				}
			]
		},
		identifier: [{ system: PSEUDONYM_SYSTEM, value: context.patientId }],
		active: row.active,
		...(row.preferredLocale === 'nl' || row.preferredLocale === 'en'
			? {
					communication: [
						{
							language: { coding: [{ system: 'urn:ietf:bcp:47', code: row.preferredLocale }] },
							preferred: true
						}
					]
				}
			: {})
	};
}

export interface GoalRow {
	id: string;
	lifeArea: LifeArea;
	text: string;
	why: string;
	status: GoalStatus;
	createdAt: Date;
	updatedAt: Date;
	closedAt: Date | null;
	/** The participant wrote it (otherwise a trainer wrote it with them). */
	byParticipant: boolean;
	steps: { text: string; targetWeek: string | null; status: 'open' | 'done' | 'replaced'; createdAt: Date }[];
	events: { kind: string; before: string | null; after: string | null; reason: string | null; at: Date }[];
	/** The check-ins about this goal, oldest first. */
	checkIns: { weekStart: string; worked: 'yes' | 'a_bit' | 'not_yet'; closeness: number; createdAt: Date }[];
}

const LIFECYCLE: Record<GoalStatus, Goal['lifecycleStatus']> = {
	active: 'active',
	reached: 'completed',
	stopped: 'cancelled'
};

const WORKED_ACHIEVEMENT = { yes: 'improving', a_bit: 'in-progress', not_yet: 'no-progress' } as const;

const WORKED_TEXT = {
	yes: m.check_in_worked_yes,
	a_bit: m.check_in_worked_a_bit,
	not_yet: m.check_in_worked_not_yet
} as const;

const EVENT_TEXT: Record<string, typeof m.goal_event_changed> = {
	created: m.goal_event_created,
	changed: m.goal_event_changed,
	made_current: m.goal_event_made_current,
	reached: m.goal_event_reached,
	stopped: m.goal_event_stopped,
	step_added: m.goal_event_step_added,
	step_done: m.goal_event_step_done,
	step_replaced: m.goal_event_step_replaced
};

const AREA_TEXT: Record<LifeArea, typeof m.goal_area_work> = {
	housing: m.goal_area_housing,
	work: m.goal_area_work,
	relationships: m.goal_area_relationships,
	health: m.goal_area_health,
	leisure: m.goal_area_leisure,
	learning: m.goal_area_learning,
	meaning: m.goal_area_meaning
};

/** How the goal is going: reached or stopped, else what the newest check-in about it said. */
export function achievementOf(row: Pick<GoalRow, 'status' | 'checkIns'>): string {
	if (row.status === 'reached') return 'achieved';
	if (row.status === 'stopped') return 'not-achieved';
	const last = row.checkIns.at(-1);
	return last ? WORKED_ACHIEVEMENT[last.worked] : 'in-progress';
}

function eventNote(event: GoalRow['events'][number], options: { locale: Locale }): Annotation {
	const parts = [EVENT_TEXT[event.kind]?.({}, options) ?? event.kind];
	if (event.before && event.after && event.before !== event.after)
		parts.push(m.goal_event_from_to({ before: event.before, after: event.after }, options));
	else if (event.after && event.kind.startsWith('step_')) parts.push(event.after);
	if (event.reason) parts.push(m.goal_event_reason({ reason: event.reason }, options));
	return { time: event.at.toISOString(), text: parts.join(' · ') };
}

/**
 * A recovery goal: its words, status and how it goes; the open steps with a week as targets; why it
 * matters, its history and the check-ins about it as notes, oldest first.
 */
export function goalResource(row: GoalRow, context: MapContext): Goal {
	const options = { locale: context.locale };
	const target: GoalTarget[] = row.steps
		.filter((step) => step.status === 'open' && step.targetWeek)
		.map((step) => ({
			measure: { text: m.fhir_step_open({ text: step.text }, options) },
			dueDate: step.targetWeek!
		}));
	const notes: Annotation[] = [
		...row.events.map((event) => eventNote(event, options)),
		...row.checkIns.map((checkIn) => ({
			time: checkIn.createdAt.toISOString(),
			text: m.fhir_note_check_in(
				{
					week: checkIn.weekStart,
					worked: WORKED_TEXT[checkIn.worked]({}, options),
					closeness: String(checkIn.closeness)
				},
				options
			)
		}))
	].sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
	if (row.why) notes.unshift({ text: m.fhir_note_why({ why: row.why }, options) });
	const stopReason =
		row.status === 'stopped' ? row.events.findLast((event) => event.kind === 'stopped')?.reason : null;
	return {
		resourceType: 'Goal',
		id: row.id,
		meta: {
			lastUpdated: lastOf([
				row.updatedAt,
				...row.events.map((e) => e.at),
				...row.checkIns.map((c) => c.createdAt)
			]).toISOString()
		},
		lifecycleStatus: LIFECYCLE[row.status],
		achievementStatus: {
			coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: achievementOf(row) }]
		},
		category: [{ text: AREA_TEXT[row.lifeArea]({}, options) }],
		description: { text: row.text },
		subject: patientRef(context),
		startDate: day(row.createdAt),
		...(target.length > 0 ? { target } : {}),
		...(row.closedAt ? { statusDate: day(row.closedAt) } : {}),
		...(stopReason ? { statusReason: stopReason } : {}),
		expressedBy: row.byParticipant ? patientRef(context) : trainerRef(context),
		...(notes.length > 0 ? { note: notes } : {})
	};
}

/** The newest of some moments. */
export function lastOf(moments: Date[]): Date {
	return moments.reduce((latest, at) => (at > latest ? at : latest));
}

/** A questionnaire as stored (the FHIR resource as imported or shipped), with our row id. */
export function questionnaireResource(row: { id: string; definition: unknown }): Questionnaire {
	return { ...(row.definition as Questionnaire), resourceType: 'Questionnaire', id: row.id };
}

/** Each definition read once: the bulk export maps thousands of responses to the same few. */
const readDefinitions = new WeakMap<object, ReturnType<typeof readQuestionnaire>>();
function readOnce(definition: unknown): ReturnType<typeof readQuestionnaire> {
	if (typeof definition !== 'object' || definition === null) return readQuestionnaire(definition);
	let parsed = readDefinitions.get(definition);
	if (!parsed) {
		parsed = readQuestionnaire(definition);
		readDefinitions.set(definition, parsed);
	}
	return parsed;
}

export interface ResponseRow {
	id: string;
	questionnaire: { url: string; version: string; definition: unknown };
	status: 'in_progress' | 'completed';
	answers: Record<string, string>;
	/** When it was completed, or last saved while in progress. */
	authored: Date;
	updatedAt: Date;
	/** The participant filled it in (the participant version); otherwise a trainer (clinician). */
	byParticipant: boolean;
	mean: number | null;
	factors: Record<string, number | null> | null;
}

/**
 * A filling-in of a questionnaire, linked to it by canonical `url|version`: one item per answered
 * question with the option chosen (code and words as in the questionnaire), and the scores as
 * extensions.
 */
export function questionnaireResponseResource(row: ResponseRow, context: MapContext): QuestionnaireResponse {
	const parsed = readOnce(row.questionnaire.definition);
	const items: QuestionnaireResponseItem[] = [];
	if (parsed.ok) {
		for (const item of parsed.questionnaire.items) {
			const code = row.answers[item.linkId];
			const option = item.options.find((one) => one.code === code);
			if (!option) continue;
			items.push({
				linkId: item.linkId,
				text: item.text.nl,
				answer: [{ valueCoding: { code: option.code, display: option.display.nl } }]
			});
		}
	}
	const extension: Extension[] = [];
	if (row.status === 'completed' && row.mean !== null)
		extension.push({ url: SCORE_EXTENSION.mean, valueDecimal: row.mean });
	for (const [factor, mean] of Object.entries(row.factors ?? {}))
		if (row.status === 'completed' && mean !== null)
			extension.push({
				url: SCORE_EXTENSION.factor,
				extension: [
					{ url: 'factor', valueCode: factor },
					{ url: 'mean', valueDecimal: mean }
				]
			});
	return {
		resourceType: 'QuestionnaireResponse',
		id: row.id,
		meta: { lastUpdated: row.updatedAt.toISOString() },
		...(extension.length > 0 ? { extension } : {}),
		questionnaire: `${row.questionnaire.url}|${row.questionnaire.version}`,
		status: row.status === 'completed' ? 'completed' : 'in-progress',
		subject: patientRef(context),
		authored: row.authored.toISOString(),
		author: row.byParticipant ? patientRef(context) : trainerRef(context),
		...(row.byParticipant ? { source: patientRef(context) } : {}),
		...(items.length > 0 ? { item: items } : {})
	};
}

export interface CarePlanRow {
	/** The care plan's id (keyed on group and participant). */
	id: string;
	joinedAt: Date;
	leftAt: Date | null;
	groupStart: string;
	groupEnd: string | null;
	updatedAt: Date;
	modules: { number: number; title: { nl: string; en: string }; state: 'open' | 'coming' | 'closed' }[];
	practices: { givenOn: string; text: { nl: string; en: string }; answered: boolean }[];
	/** The ids of the Encounters of the sessions the participant attended in this group. */
	encounterIds: string[];
}

const MODULE_STATUS = { open: 'in-progress', coming: 'not-started', closed: 'completed' } as const;

/**
 * The group course as the participant follows it: the weekly meetings (with the sessions they
 * attended as outcomes), the group's modules in order and the home practice given, each with its
 * status for them.
 */
export function carePlanResource(row: CarePlanRow, context: MapContext, today: string): CarePlan {
	const options = { locale: context.locale };
	const ended = row.leftAt !== null || (row.groupEnd !== null && row.groupEnd < today);
	const meetings: CarePlanActivity = {
		...(row.encounterIds.length > 0
			? { outcomeReference: row.encounterIds.map((id) => ({ reference: `Encounter/${id}` })) }
			: {}),
		detail: {
			status: ended ? 'completed' : 'in-progress',
			description: m.fhir_encounter_type({}, options),
			scheduledTiming: { repeat: { frequency: 1, period: 1, periodUnit: 'wk' } }
		}
	};
	const start = row.joinedAt.toISOString().slice(0, 10) > row.groupStart ? day(row.joinedAt) : row.groupStart;
	const end = row.leftAt ? day(row.leftAt) : row.groupEnd;
	return {
		resourceType: 'CarePlan',
		id: row.id,
		meta: { lastUpdated: row.updatedAt.toISOString() },
		status: ended ? 'completed' : 'active',
		intent: 'plan',
		title: m.fhir_care_plan_title({}, options),
		description: m.fhir_care_plan_description({}, options),
		subject: patientRef(context),
		period: { start, ...(end && end >= start ? { end } : {}) },
		activity: [
			meetings,
			...row.modules.map((module) => ({
				detail: {
					status: MODULE_STATUS[module.state],
					description: m.fhir_activity_module(
						{ number: String(module.number), title: module.title[context.locale] },
						options
					)
				}
			})),
			...row.practices.map((practice) => ({
				detail: {
					status: practice.answered ? ('completed' as const) : ('not-started' as const),
					scheduledString: practice.givenOn,
					description: m.fhir_activity_practice(
						{ date: practice.givenOn, text: practice.text[context.locale] },
						options
					)
				}
			}))
		]
	};
}

export interface EncounterRow {
	id: string;
	/** The session's start (its date and time in Europe/Amsterdam). */
	start: Date;
	moduleNumber: number | null;
	recordedAt: Date;
}

/** A session of the group the participant attended (attendance "present"). */
export function encounterResource(row: EncounterRow, context: MapContext): Encounter {
	const options = { locale: context.locale };
	return {
		resourceType: 'Encounter',
		id: row.id,
		meta: { lastUpdated: row.recordedAt.toISOString() },
		status: 'finished',
		class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
		type: [
			{
				text:
					row.moduleNumber === null
						? m.fhir_encounter_type({}, options)
						: m.fhir_encounter_module({ number: String(row.moduleNumber) }, options)
			}
		],
		subject: patientRef(context),
		period: { start: row.start.toISOString() }
	};
}
