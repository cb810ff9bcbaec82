/**
 * A trainer types in a participant's answer from their paper workbook, for a participant without a
 * device. The answer is the participant's (exercise_answer), marked with who typed it in — the
 * participant sees "ingevuld door <trainer>" beside it until they change it themselves — and the
 * write is in the access log as one on their behalf.
 */
import { isReadable } from '$lib/domain/curriculum';
import type { Actor } from '$lib/domain/policy';
import { requireParticipantInGroup } from '../../access';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { exerciseAnswer } from '../../db/schema';
import { NotFound } from '../../errors';
import { MAX_ANSWER_LENGTH } from '../course/commands';
import { groupCourseRows, stepContent } from '../course/readable';

export interface PaperAnswer {
	moduleNumber: number;
	stepKey: string;
	answer: string;
}

/**
 * Saves the answer as typed in by the trainer, for a participant of the group in their URL (NotFound,
 * logged, otherwise) and a step that asks something in a module open for that group now (NotFound
 * otherwise).
 */
export async function enterPaperAnswer(
	db: Db,
	actor: Actor,
	groupId: string,
	participantId: string,
	input: PaperAnswer
): Promise<void> {
	const scope = await requireParticipantInGroup(db, actor, groupId, participantId, 'write');
	const course = await groupCourseRows(db, scope.group.id, scope.organisationId);
	const module = course?.modules.find((found) => found.number === input.moduleNumber);
	const shown = course?.steps.get(input.moduleNumber) ?? [];
	if (!course || !module || !isReadable(module.state) || !shown.includes(input.stepKey))
		throw new NotFound('step');
	const step = await stepContent(
		db,
		{ groupId: course.groupId, versionId: course.versionId, module },
		input.moduleNumber,
		input.stepKey,
		'nl'
	);
	if (!step?.question) throw new NotFound('step');
	const answer = input.answer.slice(0, MAX_ANSWER_LENGTH);
	await db.transaction(async (tx) => {
		await tx
			.insert(exerciseAnswer)
			.values({
				personId: participantId,
				moduleNumber: input.moduleNumber,
				stepKey: input.stepKey,
				answer,
				enteredByPersonId: actor.personId
			})
			.onConflictDoUpdate({
				target: [exerciseAnswer.personId, exerciseAnswer.moduleNumber, exerciseAnswer.stepKey],
				set: { answer, enteredByPersonId: actor.personId, updatedAt: new Date() }
			});
		await record(tx, {
			eventType: 'curriculum.answer_save',
			action: 'U',
			actor,
			participantId,
			onBehalfOfPersonId: participantId,
			object: { type: 'step', id: `${input.moduleNumber}/${input.stepKey}` }
		});
	});
}
