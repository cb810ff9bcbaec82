/**
 * Writes that create rows carry the form's idempotency key: the same post again — one after the
 * other (a resend after a lost answer) and several at the same moment — answers as the first did and
 * leaves one row. A refused write keeps the key free for the corrected form.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../tests/helpers/builders';
import { createTestDatabase } from '../../../tests/helpers/db';
import type { Db } from './db/client';
import { addSession } from './calendar/group-calendar/commands';
import { addGroupItem } from './curriculum/group-items/commands';
import {
	auditEvent,
	goalEvent,
	goalStep,
	groupItem,
	groupSession,
	helpRequest,
	message,
	person,
	recoveryGoal
} from './db/schema';
import { addStep, changeGoal, createGoal, finishStep, makeCurrentGoal } from './goals/commands';
import { askForHelp, closeHelpRequest } from './guidance/help-requests/commands';
import { sendMessage } from './guidance/messages/commands';
import { addParticipant } from './people/lifecycle';

let db: Db;
let anna: Actor;
let trainer: Actor;
let groupId: string;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tess' });
	groupId = (await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] })).id;
});

/** The same call three times at once and then once more: the answers, and whether they agree. */
async function replayed<T>(call: () => Promise<T>): Promise<T[]> {
	const together = await Promise.all([call(), call(), call()]);
	return [...together, await call()];
}

describe('idempotency keys', () => {
	it('a message sent again with the same key, also several at once, is in the thread once', async () => {
		for (const [author, body] of [
			[anna, 'Ik kan de video niet afspelen.'],
			[trainer, 'Probeer het in de groep.']
		] as const) {
			const key = randomUUID();
			const ids = await replayed(() => sendMessage(db, author, anna.personId, body, { notify: false, key }));
			expect(new Set(ids).size).toBe(1);
			expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
			const rows = await db.select().from(message).where(eq(message.body, body));
			expect(rows.map((row) => row.id)).toEqual([ids[0]]);
			const audits = await db.select().from(auditEvent).where(eq(auditEvent.objectId, ids[0]!));
			expect(audits).toHaveLength(1);
		}
		// A new key (the page rendered again) is a new message.
		await sendMessage(db, anna, anna.personId, 'Ik kan de video niet afspelen.', {
			notify: false,
			key: randomUUID()
		});
		expect(
			await db.select().from(message).where(eq(message.body, 'Ik kan de video niet afspelen.'))
		).toHaveLength(2);
	});

	it('a goal and a step sent again (participant and trainer) are made once', async () => {
		const goalKey = randomUUID();
		const goalIds = await replayed(() =>
			createGoal(db, anna, anna.personId, {
				lifeArea: 'work',
				text: 'Werk zoeken',
				why: '',
				step: 'Bellen',
				key: goalKey
			})
		);
		expect(new Set(goalIds).size).toBe(1);
		expect(await db.select().from(recoveryGoal).where(eq(recoveryGoal.text, 'Werk zoeken'))).toHaveLength(1);
		const goalId = goalIds[0]!;

		for (const [author, text] of [
			[anna, 'Vacatures lezen'],
			[trainer, 'Samen een brief schrijven']
		] as const) {
			const key = randomUUID();
			const stepIds = await replayed(() => addStep(db, author, goalId, { text, targetWeek: null, key }));
			expect(new Set(stepIds).size).toBe(1);
			const rows = await db.select().from(goalStep).where(eq(goalStep.text, text));
			expect(rows.map((row) => row.id)).toEqual([stepIds[0]]);
		}
		const trainerGoalKey = randomUUID();
		const trainerGoals = await replayed(() =>
			createGoal(db, trainer, anna.personId, {
				lifeArea: 'health',
				text: 'Beter slapen',
				why: '',
				key: trainerGoalKey
			})
		);
		expect(new Set(trainerGoals).size).toBe(1);
		expect(await db.select().from(recoveryGoal).where(eq(recoveryGoal.text, 'Beter slapen'))).toHaveLength(1);

		// Making the first goal current again, finishing a step and changing the goal: one history row each,
		// and a replay answers 'done' as the first did (not 'refused' because the step is done by now).
		const currentKey = randomUUID();
		expect(await replayed(() => makeCurrentGoal(db, anna, goalId, currentKey))).toEqual([
			'done',
			'done',
			'done',
			'done'
		]);
		const [step] = await db.select().from(goalStep).where(eq(goalStep.text, 'Vacatures lezen'));
		const doneKey = randomUUID();
		expect(await replayed(() => finishStep(db, anna, step!.id, doneKey))).toEqual([
			'done',
			'done',
			'done',
			'done'
		]);
		const changeKey = randomUUID();
		const change = { change: 'edit' as const, text: 'Werk vinden', reason: 'Duidelijker', key: changeKey };
		expect(await replayed(() => changeGoal(db, anna, goalId, change))).toEqual([
			'done',
			'done',
			'done',
			'done'
		]);
		const history = await db
			.select({ kind: goalEvent.kind })
			.from(goalEvent)
			.where(eq(goalEvent.goalId, goalId));
		expect(history.map((event) => event.kind).sort()).toEqual(
			['changed', 'created', 'made_current', 'step_added', 'step_added', 'step_added', 'step_done'].sort()
		);
	});

	it('a refused change keeps the key free: the corrected form with the same key is saved', async () => {
		const goalId = (await createGoal(db, anna, anna.personId, {
			lifeArea: 'leisure',
			text: 'Zwemmen',
			why: ''
		}))!;
		const key = randomUUID();
		expect(await changeGoal(db, anna, goalId, { change: 'stop', key })).toBe('needs-reason');
		expect(await changeGoal(db, anna, goalId, { change: 'stop', reason: 'Geen tijd', key })).toBe('done');
		const [goal] = await db.select().from(recoveryGoal).where(eq(recoveryGoal.id, goalId));
		expect(goal?.status).toBe('stopped');
	});

	it('a help request, a group item, an added session and an added participant sent again are made once', async () => {
		// Help: the resend comes after the trainer closed the first request; it still adds nothing.
		const helpKey = randomUUID();
		const asked = await askForHelp(db, anna, '/modules', helpKey);
		expect(asked).toMatchObject({ created: true });
		await closeHelpRequest(db, trainer, groupId, asked!.id, 'Gebeld');
		expect(await replayed(() => askForHelp(db, anna, '/modules', helpKey))).toEqual([
			asked,
			asked,
			asked,
			asked
		]);
		expect(await db.select().from(helpRequest).where(eq(helpRequest.personId, anna.personId))).toHaveLength(
			1
		);

		const itemKey = randomUUID();
		const item = {
			kind: 'text' as const,
			title: 'Ademhaling',
			text: 'Adem rustig in.',
			url: '',
			question: '',
			key: itemKey
		};
		const items = await replayed(() => addGroupItem(db, trainer, groupId, 1, item, null));
		expect(new Set(items.map((result) => JSON.stringify(result))).size).toBe(1);
		expect(await db.select().from(groupItem).where(eq(groupItem.groupId, groupId))).toHaveLength(1);

		// The date is taken by the first post: a resend answers with that session, not "date taken".
		const sessionKey = randomUUID();
		const extra = { date: '2026-12-17', time: '14:00', topic: 'Extra', key: sessionKey };
		const sessions = await replayed(() => addSession(db, trainer, groupId, extra));
		expect(sessions[0]).toMatchObject({ id: expect.any(String) });
		expect(sessions).toEqual([sessions[0], sessions[0], sessions[0], sessions[0]]);
		expect(await addSession(db, trainer, groupId, { ...extra, key: randomUUID() })).toBe('date_taken');
		const onThatDay = and(eq(groupSession.groupId, groupId), eq(groupSession.date, '2026-12-17'));
		expect(await db.select().from(groupSession).where(onThatDay)).toHaveLength(1);

		// With an email address: a resend answers with the participant it added, not "email taken".
		const personKey = randomUUID();
		const add = { groupId, displayName: 'Daan', email: 'daan-idempotent@test.example', key: personKey };
		const added = await replayed(() => addParticipant(db, trainer, add));
		expect(added).toEqual([added[0], added[0], added[0], added[0]]);
		expect(await db.select().from(person).where(eq(person.displayName, 'Daan'))).toHaveLength(1);
		await expect(addParticipant(db, trainer, { ...add, key: randomUUID() })).rejects.toMatchObject({
			messageKey: 'email_taken'
		});
	});
});
