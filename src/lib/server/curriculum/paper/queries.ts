/**
 * The trainer's sheet for a participant's paper workbook: the steps that ask something in the
 * modules open for their group now, each with the current answer and who typed it in. Reading it is
 * in the access log as a read of their answers. Typing an answer in is in ./commands.ts.
 */
import type { Actor } from '$lib/domain/policy';
import { requireParticipantInGroup } from '../../access';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import type { Locale } from '../course/localised';
import { openModuleSteps } from '../course/open-steps';

export interface PaperStep {
	key: string;
	title: string;
	question: string;
	answer: string;
	/** The trainer who typed the answer in; null when the participant wrote it in Herstelpad. */
	enteredBy: string | null;
	updatedAt: Date | null;
}

export interface PaperSheet {
	group: { id: string; name: string };
	participant: { id: string; displayName: string };
	modules: { number: number; title: string; steps: PaperStep[] }[];
}

/**
 * The questions of the participant's open modules with their answers, for a trainer of the group they
 * are in now (NotFound, logged, otherwise). Logged as curriculum.answers.read.
 */
export async function paperAnswerSheet(
	db: Db,
	actor: Actor,
	groupId: string,
	participantId: string,
	locale: Locale
): Promise<PaperSheet> {
	const scope = await requireParticipantInGroup(db, actor, groupId, participantId, 'read');
	const modules = await openModuleSteps(
		db,
		{ groupId: scope.group.id, organisationId: scope.organisationId },
		participantId,
		locale
	);
	await record(db, {
		eventType: 'curriculum.answers.read',
		action: 'R',
		actor,
		participantId,
		object: { type: 'group', id: scope.group.id }
	});
	return {
		group: { id: scope.group.id, name: scope.group.name },
		participant: { id: participantId, displayName: scope.participantName },
		modules: modules
			.map((module) => ({
				number: module.number,
				title: module.title,
				steps: module.steps.flatMap((step) =>
					step.question
						? [
								{
									key: step.key,
									title: step.title,
									question: step.question,
									answer: step.answer?.text ?? '',
									enteredBy: step.answer?.enteredBy ?? null,
									updatedAt: step.answer?.updatedAt ?? null
								}
							]
						: []
				)
			}))
			.filter((module) => module.steps.length > 0)
	};
}
