/**
 * The demo's measures: the IMR Scale at the start for seven of the eight demo participants (their
 * own and, for five, the trainer's), and the halfway measure for five of them, filled in early so the
 * demo shows results over time. The eighth (Hanna) still has the baseline to fill in. Synthetic.
 */
import { scoreResponse, type Answers } from '$lib/domain/measures/questionnaire';
import type { Tx } from '../db/client';
import { questionnaireResponse } from '../db/schema';
import { groupDefinition, type ScheduledPurpose } from './definitions';

/** Answers giving every scored item a score near `level` (1–5), varied a little per item. */
function answersAt(
	items: { linkId: string; scored: boolean }[],
	level: number,
	medication: boolean
): Answers {
	const answers: Answers = { '13a': medication ? '1' : '2' };
	for (const [index, item] of items.entries()) {
		if (!item.scored || (item.linkId === '13' && !medication)) continue;
		const score = Math.min(5, Math.max(1, level + ((index % 3) - 1)));
		answers[item.linkId] = String(score);
	}
	return answers;
}

export async function seedDemoMeasures(
	tx: Tx,
	group: { id: string; organisationId: string },
	participants: string[],
	trainerId: string
): Promise<void> {
	const rows: (typeof questionnaireResponse.$inferInsert)[] = [];
	const add = async (
		purpose: ScheduledPurpose,
		subjectId: string,
		moment: number,
		level: number,
		at: string,
		index: number
	) => {
		const definition = await groupDefinition(tx, group, purpose);
		const answers = answersAt(definition.questionnaire.items, level, index % 2 === 0);
		const score = scoreResponse(definition.questionnaire, answers);
		rows.push({
			organisationId: group.organisationId,
			questionnaireId: definition.id,
			purpose,
			subjectId,
			authorId: purpose === 'imr_clinician' ? trainerId : subjectId,
			groupId: group.id,
			moment,
			status: 'completed',
			answers,
			position: definition.questionnaire.items.length - 1,
			completedAt: new Date(at),
			mean: score.mean,
			factors: Object.fromEntries(score.factors.map((factor) => [factor.code, factor.mean]))
		});
	};
	for (const [index, subjectId] of participants.slice(0, 7).entries()) {
		const level = 2 + (index % 3);
		await add('imr_participant', subjectId, 0, level, '2026-09-04T10:00:00+02:00', index);
		if (index < 5) {
			await add('imr_clinician', subjectId, 0, Math.max(1, level - 1), '2026-09-10T10:00:00+02:00', index);
			await add('imr_participant', subjectId, 6, Math.min(5, level + 1), '2026-11-26T10:00:00+01:00', index);
			await add('imr_clinician', subjectId, 6, level, '2026-11-27T10:00:00+01:00', index);
		}
	}
	await tx.insert(questionnaireResponse).values(rows);
}
