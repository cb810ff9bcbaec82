/**
 * Measures (issue 19, items 1–5): the participant fills in the IMR Scale one item at a time, resumes
 * and restarts; the trainer fills in the clinician version; both are scored and shown side by side;
 * the coordinator imports a definition and sees means only where at least five answered. Another
 * group's trainer and another organisation's people get NotFound and nothing.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imrScale } from '$lib/domain/measures/imr-scale';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, questionnaireResponse, reminderPreference } from '../db/schema';
import type { Senders } from '../reminders/deliver';
import { deliverMeasureReminder, dueMeasureReminders } from './reminders';
import { Conflict, Invalid, NotFound } from '../errors';
import {
	importDefinition,
	organisationDefinitions,
	saveGroupMeasurePlan,
	groupDefinition
} from './definitions';
import {
	clinicianMeasure,
	completeOwn,
	hasOpenMeasure,
	ownMeasure,
	restartOwn,
	saveClinician,
	saveOwnAnswer,
	startOwn
} from './responses';
import { groupMeasureOverview, measureAttention, measureMeans, participantResults } from './results';

let db: Db;
let close: () => Promise<void>;
let anna: Actor;
let bram: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let coordinator: Actor;
let stranger: Actor;
let groupId: string;
let otherGroupId: string;
let organisationId: string;

// The group starts 2026-09-01: baseline open from 25 August, halfway from 24 February.
const baseline = new Date('2026-09-10T10:00:00+02:00');

beforeAll(async () => {
	const database = await createTestDatabase();
	db = database.db;
	close = () => database.close();
	const org = await buildOrganisation(db);
	organisationId = org.id;
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	groupId = (
		await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] })
	).id;
	otherGroupId = (await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer] })).id;
	const other = await buildOrganisation(db);
	stranger = await buildPerson(db, { organisationId: other.id, role: 'coordinator' });
});

afterAll(() => close());

const indexOf = async (linkId: string) => {
	const own = await ownMeasure(db, anna, baseline);
	return own.definition!.questionnaire.items.findIndex((item) => item.linkId === linkId);
};

describe('the participant version', () => {
	it('is due at the baseline moment and not before the group starts', async () => {
		expect(await hasOpenMeasure(db, anna, new Date('2026-08-01T10:00:00+02:00'))).toBe(false);
		expect(await hasOpenMeasure(db, anna, baseline)).toBe(true);
		const own = await ownMeasure(db, anna, baseline);
		expect(own.moment?.moment).toBe(0);
		expect(own.definition?.questionnaire.purpose).toBe('imr_participant');
		expect(own.response).toBeNull();
	});

	it('saves every answer at once, resumes where it was, and refuses an option the item does not have', async () => {
		await startOwn(db, anna, baseline);
		await saveOwnAnswer(db, anna, await indexOf('1'), '4', baseline);
		await saveOwnAnswer(db, anna, await indexOf('2'), '3', baseline);
		await expect(saveOwnAnswer(db, anna, await indexOf('3'), '9', baseline)).rejects.toBeInstanceOf(Invalid);
		await expect(saveOwnAnswer(db, anna, 999, '1', baseline)).rejects.toBeInstanceOf(NotFound);
		const own = await ownMeasure(db, anna, baseline);
		expect(own.response).toMatchObject({
			status: 'in_progress',
			answers: { '1': '4', '2': '3' },
			position: 1
		});
	});

	it('begins again with nothing answered', async () => {
		await restartOwn(db, anna, baseline);
		const own = await ownMeasure(db, anna, baseline);
		expect(own.response).toMatchObject({ answers: {}, position: 0 });
	});

	it('is scored when finished, logged, and cannot be changed after', async () => {
		const own = await ownMeasure(db, anna, baseline);
		for (const [index, item] of own.definition!.questionnaire.items.entries())
			if (item.type === 'choice')
				await saveOwnAnswer(db, anna, index, item.linkId === '13a' ? '2' : '4', baseline);
		const score = await completeOwn(db, anna, baseline);
		expect(score.mean).toBe(4);
		const [row] = await db
			.select()
			.from(questionnaireResponse)
			.where(eq(questionnaireResponse.subjectId, anna.personId));
		expect(row).toMatchObject({ status: 'completed', mean: 4, factors: { coping: 4, knowledge_goals: 4 } });
		expect(await hasOpenMeasure(db, anna, baseline)).toBe(false);
		await expect(saveOwnAnswer(db, anna, 0, '1', baseline)).rejects.toBeInstanceOf(Conflict);
		const logged = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'measure.complete'), eq(auditEvent.participantId, anna.personId)));
		expect(logged).toHaveLength(1);
	});
});

describe('the clinician version', () => {
	it('is filled in by the group’s trainer and shown beside the participant’s', async () => {
		const measure = await clinicianMeasure(db, trainer, groupId, anna.personId, null, baseline);
		// The end moment has not opened yet: nothing to fill in.
		await expect(clinicianMeasure(db, trainer, groupId, anna.personId, 12, baseline)).rejects.toBeInstanceOf(
			NotFound
		);
		expect(measure.moment.moment).toBe(0);
		const answers = Object.fromEntries(
			measure.definition.questionnaire.items
				.filter((item) => item.type === 'choice')
				.map((item) => [item.linkId, item.linkId === '13a' ? '2' : '2'])
		);
		await expect(
			saveClinician(db, trainer, measure, anna.personId, { ...answers, '1': 'nope' }, true, baseline)
		).rejects.toBeInstanceOf(Invalid);
		await saveClinician(db, trainer, measure, anna.personId, answers, false, baseline);
		await saveClinician(db, trainer, measure, anna.personId, answers, true, baseline);
		const results = await participantResults(db, trainer, groupId, anna.personId);
		expect(results.points).toHaveLength(1);
		expect(results.points[0]).toMatchObject({ moment: 0, participant: { mean: 4 }, clinician: { mean: 2 } });
		expect(results.items.map((item) => item.linkId)).toContain('15');
		expect(results.ownWording).toBe(true);
	});

	it('is nothing for another group’s trainer or another organisation', async () => {
		await expect(
			clinicianMeasure(db, otherTrainer, groupId, anna.personId, null, baseline)
		).rejects.toBeInstanceOf(NotFound);
		await expect(participantResults(db, otherTrainer, groupId, anna.personId)).rejects.toBeInstanceOf(
			NotFound
		);
		await expect(participantResults(db, stranger, groupId, anna.personId)).rejects.toBeInstanceOf(NotFound);
		await expect(groupMeasureOverview(db, otherTrainer, groupId)).rejects.toBeInstanceOf(NotFound);
		const refusals = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.eventType, 'access.denied'), eq(auditEvent.actorPersonId, otherTrainer.personId))
			);
		expect(refusals.length).toBeGreaterThanOrEqual(3);
	});

	it('shows the trainer who filled in what at each moment', async () => {
		const overview = await groupMeasureOverview(db, trainer, groupId);
		expect(overview.moments.map((moment) => moment.moment)).toEqual([0, 6, 12]);
		const annaRow = overview.rows.find((row) => row.personId === anna.personId)!;
		expect(annaRow.status[0]).toEqual({ imr_participant: 'completed', imr_clinician: 'completed' });
		expect(overview.rows.find((row) => row.personId === bram.personId)!.status[0]).toEqual({
			imr_participant: null,
			imr_clinician: null
		});
	});
});

describe('definitions and settings', () => {
	it('imports a definition with a clear refusal, and lets a group choose it', async () => {
		const wrong = {
			...imrScale('participant'),
			url: 'https://example.org/imr',
			version: 'licensed-1',
			item: []
		};
		await expect(importDefinition(db, coordinator, JSON.stringify(wrong))).rejects.toMatchObject({
			messageKey: 'questionnaire_no_items'
		});
		await expect(importDefinition(db, trainer, '{}')).rejects.toBeTruthy();
		const licensed = { ...imrScale('participant'), url: 'https://example.org/imr', version: 'licensed-1' };
		const { id } = await importDefinition(db, coordinator, JSON.stringify(licensed));
		await expect(importDefinition(db, coordinator, JSON.stringify(licensed))).rejects.toBeInstanceOf(
			Conflict
		);
		// Newest of the organisation is the default for a group that chose nothing.
		expect((await groupDefinition(db, { id: otherGroupId, organisationId }, 'imr_participant')).id).toBe(id);
		await expect(
			saveGroupMeasurePlan(db, otherTrainer, otherGroupId, {
				moments: [0, 12],
				participantQuestionnaireId: null,
				clinicianQuestionnaireId: id
			})
		).rejects.toMatchObject({ field: 'begeleiderversie' });
		await saveGroupMeasurePlan(db, otherTrainer, otherGroupId, {
			moments: [0, 12],
			participantQuestionnaireId: id,
			clinicianQuestionnaireId: null
		});
		const rows = await organisationDefinitions(db, coordinator);
		expect(rows.find((row) => row.id === id)).toMatchObject({ groupCount: 1, shipped: false });
		expect(rows.filter((row) => row.shipped)).toHaveLength(2);
		await expect(organisationDefinitions(db, stranger)).resolves.not.toContainEqual(
			expect.objectContaining({ id })
		);
	});
});

describe('means for the coordinator', () => {
	it('are shown only where at least five answered', async () => {
		const before = await measureMeans(db, coordinator, 0);
		expect(before.organisation.find((cell) => cell.purpose === 'imr_participant')).toMatchObject({
			count: 1,
			mean: null
		});
		const others: Actor[] = [];
		for (let n = 0; n < 4; n++) others.push(await buildPerson(db, { organisationId, role: 'participant' }));
		const group = await buildGroup(db, { organisationId, trainers: [trainer], participants: others });
		for (const participant of others) {
			const own = await ownMeasure(db, participant, baseline);
			for (const [index, item] of own.definition!.questionnaire.items.entries())
				if (item.type === 'choice')
					await saveOwnAnswer(db, participant, index, item.linkId === '13a' ? '2' : '5', baseline);
			await completeOwn(db, participant, baseline);
		}
		const after = await measureMeans(db, coordinator, 0);
		expect(
			after.organisation.find((cell) => cell.purpose === 'imr_participant' && cell.moment === 0)
		).toMatchObject({
			count: 5,
			mean: 4.8
		});
		const small = after.groups.find((row) => row.id === group.id)!;
		expect(small.cells).toEqual([{ purpose: 'imr_participant', moment: 0, count: 4, mean: null }]);
		await expect(measureMeans(db, trainer, 0)).rejects.toBeTruthy();
	});
});

describe('reminders and the attention list', () => {
	it('remind once per moment, without content, only who has not sent theirs', async () => {
		await db.insert(reminderPreference).values([
			{ personId: anna.personId, enabled: true, channel: 'email' },
			{ personId: bram.personId, enabled: true, channel: 'email' }
		]);
		const sent: { about?: string }[] = [];
		const senders: Senders = {
			async email(to) {
				sent.push(to);
			},
			async push(to) {
				sent.push(to);
			}
		};
		// Anna sent her baseline; Bram did not.
		expect(await dueMeasureReminders(db, baseline, anna.personId)).toEqual([]);
		const due = await dueMeasureReminders(db, baseline, bram.personId);
		expect(due).toEqual([{ personId: bram.personId, groupId, moment: 0, channel: 'email' }]);
		expect(await deliverMeasureReminder(db, due[0]!, senders, baseline)).toBe('sent');
		expect(await deliverMeasureReminder(db, due[0]!, senders, baseline)).toBe('already');
		expect(sent).toEqual([expect.objectContaining({ about: 'measure' })]);
		expect(await dueMeasureReminders(db, baseline, bram.personId)).toEqual([]);
		// Before the group starts nothing is open.
		expect(await dueMeasureReminders(db, new Date('2026-08-01T10:00:00+02:00'), bram.personId)).toEqual([]);
	});

	it('counts the open questionnaires per group for its trainer', async () => {
		const rows = await measureAttention(db, trainer, baseline);
		const own = rows.find((row) => row.groupId === groupId);
		expect(own).toMatchObject({ moment: 0, clinicianOpen: 1, participantOpen: 1 });
		expect(await measureAttention(db, otherTrainer, baseline)).not.toContainEqual(
			expect.objectContaining({ groupId })
		);
	});
});
