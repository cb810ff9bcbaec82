/**
 * The FHIR mappers one case at a time: statuses and codes as tables, every resource each case makes
 * checked by Medplum's validator (a failure names the resource and the path of the problem), the
 * audit log's ids replaced by pseudonyms, and the bulk export's query and form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imrScale, imrScaleUrl, IMR_SCALE_VERSION } from '$lib/domain/measures/imr-scale';
import { auditEventResource, auditTypeOf, type AuditRow } from './audit-event';
import { BULK_TYPES } from './bulk';
import { keyedId, patientPseudonym } from './ids';
import {
	achievementOf,
	carePlanResource,
	encounterResource,
	goalResource,
	patientResource,
	questionnaireResource,
	questionnaireResponseResource,
	type GoalRow
} from './mappers';
import { bulkExportQuery, startExportInput } from './schema';
import { describeProblems, fhirProblems } from './validator';

const SECRET = 'unit-test-secret-that-is-long-enough';
const context = {
	patientId: patientPseudonym(SECRET, '11111111-1111-4111-8111-111111111111'),
	locale: 'nl' as const
};
const at = new Date('2026-10-06T12:00:00Z');

function expectValid(resource: { resourceType: string; id?: string }) {
	expect(describeProblems(resource, fhirProblems(resource))).toEqual([]);
}

const goal = (changes: Partial<GoalRow>): GoalRow => ({
	id: '22222222-2222-4222-8222-222222222222',
	lifeArea: 'work',
	text: 'Werk vinden',
	why: '',
	status: 'active',
	createdAt: at,
	updatedAt: at,
	closedAt: null,
	byParticipant: true,
	steps: [],
	events: [],
	checkIns: [],
	...changes
});

const checkIn = (worked: 'yes' | 'a_bit' | 'not_yet') => ({
	weekStart: '2026-10-06',
	worked,
	closeness: 3,
	createdAt: at
});

describe('Goal', () => {
	it.each([
		['active, no check-in', goal({}), 'active', 'in-progress'],
		['active, it worked', goal({ checkIns: [checkIn('not_yet'), checkIn('yes')] }), 'active', 'improving'],
		['active, a bit', goal({ checkIns: [checkIn('a_bit')] }), 'active', 'in-progress'],
		['active, not yet', goal({ checkIns: [checkIn('not_yet')] }), 'active', 'no-progress'],
		['reached', goal({ status: 'reached', closedAt: at }), 'completed', 'achieved'],
		[
			'stopped, with its reason',
			goal({
				status: 'stopped',
				closedAt: at,
				events: [{ kind: 'stopped', before: null, after: null, reason: 'Verhuisd', at }]
			}),
			'cancelled',
			'not-achieved'
		]
	])('%s: lifecycle and achievement, valid', (_case, row, lifecycle, achievement) => {
		const resource = goalResource(row, context);
		expect(resource.lifecycleStatus).toBe(lifecycle);
		expect(achievementOf(row)).toBe(achievement);
		expect(resource.achievementStatus?.coding?.[0]?.code).toBe(achievement);
		expectValid(resource);
	});

	it('an open step with a week is a target; the why, history and check-ins are notes in time order', () => {
		const resource = goalResource(
			goal({
				why: 'Voor mezelf',
				byParticipant: false,
				steps: [
					{ text: 'Cv maken', targetWeek: '2026-11-03', status: 'open', createdAt: at },
					{ text: 'Bellen', targetWeek: null, status: 'open', createdAt: at },
					{ text: 'Oud', targetWeek: '2026-10-01', status: 'done', createdAt: at }
				],
				events: [{ kind: 'changed', before: 'Werk', after: 'Werk vinden', reason: 'Duidelijker', at }],
				checkIns: [{ ...checkIn('yes'), createdAt: new Date('2026-10-01T10:00:00Z') }]
			}),
			context
		);
		expect(resource.target).toEqual([{ measure: { text: 'Stap: Cv maken' }, dueDate: '2026-11-03' }]);
		expect(resource.expressedBy).toEqual({ display: 'trainer' });
		expect(resource.note?.map((note) => note.text)).toEqual([
			'Waarom dit belangrijk is: Voor mezelf',
			expect.stringContaining('Check-in, week van 2026-10-06'),
			expect.stringContaining('Duidelijker')
		]);
		expectValid(resource);
	});
});

describe('Patient', () => {
	it.each([
		['active, Dutch', { active: true, preferredLocale: 'nl', updatedAt: at }],
		['turned off, no language', { active: false, preferredLocale: null, updatedAt: at }],
		['a language we do not name', { active: true, preferredLocale: 'xx', updatedAt: at }]
	])('%s: a pseudonym and no more, valid', (_case, row) => {
		const resource = patientResource(row, context);
		expect(resource.id).toMatch(/^[0-9a-f]{32}$/);
		expect(resource.identifier?.[0]?.value).toBe(resource.id);
		expect(resource).not.toHaveProperty('name');
		expectValid(resource);
	});

	it('the pseudonym is keyed: the same id gives the same pseudonym, another secret another', () => {
		fc.assert(
			fc.property(fc.uuid(), (id) => {
				expect(patientPseudonym(SECRET, id)).toBe(patientPseudonym(SECRET, id));
				expect(patientPseudonym(`${SECRET}x`, id)).not.toBe(patientPseudonym(SECRET, id));
				expect(keyedId(SECRET, 'encounter', id)).not.toBe(patientPseudonym(SECRET, id));
			})
		);
	});
});

describe('Questionnaire and QuestionnaireResponse', () => {
	const definition = imrScale('participant');
	const questionnaire = { url: imrScaleUrl('participant'), version: IMR_SCALE_VERSION, definition };

	it.each([
		['completed, scored', 'completed' as const, 3.4, { coping: 3.2, knowledge_goals: null }],
		['in progress', 'in_progress' as const, null, null]
	])('%s: linked by url|version, each answer with its words, valid', (_case, status, mean, factors) => {
		const resource = questionnaireResponseResource(
			{
				id: '33333333-3333-4333-8333-333333333333',
				questionnaire,
				status,
				answers: { '1': '2', '2': '5', nonsense: '1' },
				authored: at,
				updatedAt: at,
				byParticipant: true,
				mean,
				factors
			},
			context
		);
		expect(resource.questionnaire).toBe(`${imrScaleUrl('participant')}|${IMR_SCALE_VERSION}`);
		expect(resource.item?.map((item) => item.linkId)).toEqual(['1', '2']);
		expect(resource.item?.[0]?.answer?.[0]?.valueCoding?.display).toBeTruthy();
		expect(resource.extension?.length ?? 0).toBe(status === 'completed' ? 2 : 0);
		expectValid(resource);
	});

	it('the shipped questionnaires keep their content, with our row id', () => {
		for (const who of ['participant', 'clinician'] as const) {
			const resource = questionnaireResource({ id: 'abc-1', definition: imrScale(who) });
			expect(resource).toMatchObject({ id: 'abc-1', url: imrScaleUrl(who), version: IMR_SCALE_VERSION });
			expectValid(resource);
		}
	});
});

describe('CarePlan and Encounter', () => {
	const plan = {
		id: keyedId(SECRET, 'care-plan', 'g', 'p'),
		joinedAt: new Date('2026-09-10T08:00:00Z'),
		leftAt: null,
		groupStart: '2026-09-01',
		groupEnd: null,
		updatedAt: at,
		modules: [
			{ number: 1, title: { nl: 'Herstel', en: 'Recovery' }, state: 'closed' as const },
			{ number: 2, title: { nl: 'Kennis', en: 'Knowledge' }, state: 'open' as const },
			{ number: 3, title: { nl: 'Steun', en: 'Support' }, state: 'coming' as const }
		],
		practices: [
			{ givenOn: '2026-09-08', text: { nl: 'Schrijf op', en: 'Write down' }, answered: true },
			{ givenOn: '2026-09-15', text: { nl: 'Vraag iemand', en: 'Ask someone' }, answered: false }
		],
		encounterIds: ['e1', 'e2']
	};

	it.each([
		['running', plan, 'active', { start: '2026-09-10' }],
		[
			'left the group',
			{ ...plan, leftAt: new Date('2027-01-05T10:00:00Z') },
			'completed',
			{ start: '2026-09-10', end: '2027-01-05' }
		],
		[
			'the group ended',
			{ ...plan, groupEnd: '2026-10-01' },
			'completed',
			{ start: '2026-09-10', end: '2026-10-01' }
		],
		[
			'joined before the start',
			{ ...plan, joinedAt: new Date('2026-08-01T10:00:00Z') },
			'active',
			{ start: '2026-09-01' }
		]
	])('%s: status, period and activities, valid', (_case, row, status, period) => {
		const resource = carePlanResource(row, context, '2026-12-01');
		expect(resource.status).toBe(status);
		expect(resource.period).toEqual(period);
		expect(resource.activity?.map((activity) => activity.detail?.status)).toEqual([
			status === 'active' ? 'in-progress' : 'completed',
			'completed',
			'in-progress',
			'not-started',
			'completed',
			'not-started'
		]);
		expectValid(resource);
	});

	it.each([
		['with a module', 2, 'Bijeenkomst van de herstelgroep, module 2'],
		['without', null, 'Bijeenkomst van de herstelgroep']
	])('an attended session %s is a finished Encounter, valid', (_case, moduleNumber, text) => {
		const resource = encounterResource({ id: 'e1', start: at, moduleNumber, recordedAt: at }, context);
		expect(resource).toMatchObject({
			status: 'finished',
			type: [{ text }],
			period: { start: at.toISOString() }
		});
		expectValid(resource);
	});
});

describe('AuditEvent', () => {
	const participant = '44444444-4444-4444-8444-444444444444';
	const staff = '55555555-5555-4555-8555-555555555555';
	const row = (changes: Partial<AuditRow>): AuditRow => ({
		id: 7,
		recordedAt: at,
		eventType: 'goal.read',
		action: 'R',
		outcome: 'success',
		actorPersonId: staff,
		actorRole: 'trainer',
		onBehalfOfPersonId: null,
		participantId: participant,
		participantIds: null,
		objectType: null,
		objectId: null,
		accessPoint: '192.0.2.7',
		...changes
	});
	const pseudonym = (id: string) => patientPseudonym(SECRET, id);

	it.each([
		['a read', row({}), '110110', '0'],
		['a sign-in', row({ eventType: 'auth.sign_in', action: 'E', participantId: null }), '110114', '0'],
		[
			'a failed sign-in',
			row({ eventType: 'auth.sign_in_failed', outcome: 'failure', actorPersonId: null }),
			'110114',
			'4'
		],
		[
			'a refusal',
			row({
				eventType: 'access.denied',
				outcome: 'failure',
				objectType: 'route',
				objectId: `/trainer/groepen/${participant}`
			}),
			'110113',
			'4'
		],
		['an export', row({ eventType: 'fhir.export', action: 'E' }), '110106', '0'],
		[
			'reading the log',
			row({ eventType: 'access_log.read', participantId: null, participantIds: [participant, staff] }),
			'110101',
			'0'
		],
		[
			'on behalf of',
			row({ eventType: 'goal.create', action: 'C', onBehalfOfPersonId: participant }),
			'110110',
			'0'
		]
	])('%s: DCM type, outcome, valid, no ids in the clear', (_case, input, type, outcome) => {
		const resource = auditEventResource(input, pseudonym, 'nl');
		expect(auditTypeOf(input).code).toBe(type);
		expect(resource.outcome).toBe(outcome);
		expect(resource.action).toBe(input.action);
		expect(resource.subtype?.[0]?.code).toBe(input.eventType);
		const text = JSON.stringify(resource);
		expect(text).not.toContain(participant);
		expect(text).not.toContain(staff);
		if (input.participantId) expect(text).toContain(pseudonym(participant));
		expectValid(resource);
	});
});

describe('the bulk export’s inputs', () => {
	it.each([
		['nothing', {}, true],
		['an instant with offset', { _since: '2026-10-01T00:00:00+02:00' }, true],
		['an instant without offset', { _since: '2026-10-01T00:00:00' }, false],
		['a date only', { _since: '2026-10-01' }, false],
		['known types', { _type: 'Patient,AuditEvent' }, true],
		['an unknown type', { _type: 'Patient,Observation' }, false],
		['ndjson', { _outputFormat: 'application/fhir+ndjson' }, true],
		['csv', { _outputFormat: 'text/csv' }, false]
	])('$export with %s: accepted or not', (_case, query, ok) => {
		expect(bulkExportQuery.safeParse(query).success).toBe(ok);
	});

	it('any list of known types is read as that list (each once)', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...BULK_TYPES), { minLength: 1 }), (types) => {
				const parsed = bulkExportQuery.parse({ _type: types.join(',') });
				expect(parsed._type).toEqual([...new Set(types)]);
			})
		);
	});

	it.each([
		['empty', '', null],
		['a date', '2026-10-01', new Date('2026-09-30T22:00:00Z')],
		['no such date', '2026-02-30', 'error'],
		['not a date', 'gisteren', 'error']
	])('the start form’s "since" %s', (_case, since, expected) => {
		const parsed = startExportInput.safeParse({ since });
		if (expected === 'error') expect(parsed.success).toBe(false);
		else expect(parsed.success && parsed.data.since).toEqual(expected);
	});
});
