/**
 * Commands of goals and guidance refused after the area check (issue 16): the refusal is a failure
 * row in the access log — event access.denied, outcome failure, naming what was asked for and never
 * a participant — and nothing else changed.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, goalStep, helpRequest, message, recoveryGoal } from '../db/schema';
import { NotFound } from '../errors';
import { askForHelp, closeHelpRequest } from '../guidance/help-requests/commands';
import { sendMessage } from '../guidance/messages/commands';
import { saveIntake } from '../guidance/intake/commands';
import { addStep, changeGoal, createGoal, finishStep } from './commands';

let db: Db;
let anna: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let outsider: Actor;
let coordinator: Actor;
let groupId: string;
let otherGroupId: string;
let goalId: string;
let stepId: string;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	const otherOrg = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	outsider = await buildPerson(db, { organisationId: otherOrg.id, role: 'trainer' });
	groupId = (await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] })).id;
	otherGroupId = (await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer] })).id;
	goalId = await createGoal(db, anna, anna.personId, {
		lifeArea: 'work',
		text: 'Werk zoeken',
		why: '',
		step: 'Cv maken'
	});
	[{ id: stepId }] = (await db
		.select({ id: goalStep.id })
		.from(goalStep)
		.where(eq(goalStep.goalId, goalId))) as [{ id: string }];
	await askForHelp(db, anna, '/modules');
});

/** The failure rows of one actor: what the log says about the refused attempts. */
async function refusalsOf(actor: Actor) {
	return db
		.select({
			eventType: auditEvent.eventType,
			action: auditEvent.action,
			outcome: auditEvent.outcome,
			participantId: auditEvent.participantId,
			onBehalfOf: auditEvent.onBehalfOfPersonId,
			objectType: auditEvent.objectType,
			objectId: auditEvent.objectId
		})
		.from(auditEvent)
		.where(and(eq(auditEvent.actorPersonId, actor.personId), eq(auditEvent.outcome, 'failure')));
}

/** What the refused commands could have changed. */
async function state() {
	return {
		goals: await db.select().from(recoveryGoal),
		steps: await db.select().from(goalStep),
		help: await db.select().from(helpRequest),
		messages: await db.select().from(message)
	};
}

const denied = (objectType: string, objectId: string, action: 'R' | 'U' = 'U') => ({
	eventType: 'access.denied',
	action,
	outcome: 'failure',
	participantId: null,
	onBehalfOf: null,
	objectType,
	objectId
});

describe('a refused command', () => {
	it("to change another group's participant's goal: one failure row naming the goal, nothing changed", async () => {
		const before = await state();
		await expect(
			changeGoal(db, otherTrainer, goalId, { change: 'stop', reason: 'Niet van mij' })
		).rejects.toThrow(NotFound);
		await expect(finishStep(db, outsider, stepId)).rejects.toThrow(NotFound);
		await expect(addStep(db, coordinator, goalId, { text: 'Bellen', targetWeek: null })).rejects.toThrow(
			NotFound
		);
		expect(await state()).toEqual(before);
		expect(await refusalsOf(otherTrainer)).toEqual([denied('goal', goalId)]);
		expect(await refusalsOf(outsider)).toEqual([denied('goal_step', stepId)]);
		expect(await refusalsOf(coordinator)).toEqual([denied('goal', goalId)]);
	});

	it("to close another group's help request, or write in its thread: failure rows, nothing changed", async () => {
		const before = await state();
		const [request] = before.help;
		// Their own group id, someone else's request: the request is what they asked for.
		await expect(closeHelpRequest(db, otherTrainer, otherGroupId, request!.id, 'Gebeld')).rejects.toThrow(
			NotFound
		);
		// Another group's id: refused at the group.
		await expect(closeHelpRequest(db, otherTrainer, groupId, request!.id, 'Gebeld')).rejects.toThrow(
			NotFound
		);
		await expect(
			sendMessage(db, otherTrainer, anna.personId, 'Hallo', { notify: false, inGroup: otherGroupId })
		).rejects.toThrow(NotFound);
		await expect(
			saveIntake(db, otherTrainer, otherGroupId, anna.personId, {
				device: 'none',
				internetAtHome: false,
				hasEmail: false,
				confidence: 1,
				helpWanted: true
			})
		).rejects.toThrow(NotFound);
		expect(await state()).toEqual(before);
		// The goal refusal of the test before, then these four.
		expect((await refusalsOf(otherTrainer)).slice(1)).toEqual([
			denied('help_request', request!.id),
			denied('group', groupId, 'R'),
			denied('participant', anna.personId),
			denied('participant', anna.personId)
		]);
	});

	it('by a participant for someone else: the same', async () => {
		const before = await state();
		const bram = await buildPerson(db, { organisationId: anna.organisationId!, role: 'participant' });
		await expect(
			createGoal(db, bram, anna.personId, { lifeArea: 'health', text: 'Slapen', why: '' })
		).rejects.toThrow(NotFound);
		await expect(changeGoal(db, bram, goalId, { change: 'reach' })).rejects.toThrow(NotFound);
		expect(await state()).toEqual(before);
		expect(await refusalsOf(bram)).toEqual([denied('participant', anna.personId), denied('goal', goalId)]);
	});
});
