/**
 * The fidelity self-assessment as it is read: a group's history (newest period first) and one
 * assessment with its items, the evidence and Herstelpad's proposals. Only the group's trainers and
 * its organisation's coordinator read it (access/fidelity.ts); every read and print is in the access
 * log as a group event (counts per group, no participant named).
 */
import { aliasedTable, and, asc, avg, count, desc, eq } from 'drizzle-orm';
import {
	FIDELITY_ITEMS,
	defaultPeriod,
	fidelityTotal,
	isFidelityItem,
	isFidelityScore,
	proposeScores,
	type FidelityItem,
	type FidelityScore,
	type FidelityStatus,
	type Proposal
} from '$lib/domain/fidelity';
import type { Actor } from '$lib/domain/policy';
import { local } from '$lib/domain/schedule';
import { requireFidelityAssessment, requireFidelityGroup } from '../../access';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { fidelityAssessment, fidelityItemScore, person } from '../../db/schema';
import { fidelityEvidence } from './evidence';

/** Today's date where the course runs. */
export const courseToday = (now = new Date()) => local(now).date;

/** One assessment in a group's history. */
export interface AssessmentSummary {
	id: string;
	periodStart: string;
	periodEnd: string;
	status: FidelityStatus;
	total: number | null;
	scored: number;
	updatedAt: Date;
	updatedBy: string | null;
}

/** The group's assessments, newest period first, with the period a new one starts with. */
export async function fidelityHistory(db: Db, actor: Actor, groupId: string) {
	const group = await requireFidelityGroup(db, actor, groupId);
	const editor = aliasedTable(person, 'editor');
	const rows = await db
		.select({
			id: fidelityAssessment.id,
			periodStart: fidelityAssessment.periodStart,
			periodEnd: fidelityAssessment.periodEnd,
			status: fidelityAssessment.status,
			updatedAt: fidelityAssessment.updatedAt,
			updatedBy: editor.displayName,
			mean: avg(fidelityItemScore.score),
			scored: count(fidelityItemScore.score)
		})
		.from(fidelityAssessment)
		.leftJoin(fidelityItemScore, eq(fidelityItemScore.assessmentId, fidelityAssessment.id))
		.leftJoin(editor, eq(editor.id, fidelityAssessment.updatedByPersonId))
		.where(eq(fidelityAssessment.groupId, group.id))
		.groupBy(fidelityAssessment.id, editor.displayName)
		.orderBy(desc(fidelityAssessment.periodEnd), desc(fidelityAssessment.periodStart));
	await record(db, {
		eventType: 'fidelity.read',
		action: 'R',
		actor,
		organisationId: group.organisationId,
		object: { type: 'group', id: group.id }
	});
	const assessments: AssessmentSummary[] = rows.map((row) => ({
		id: row.id,
		periodStart: row.periodStart,
		periodEnd: row.periodEnd,
		status: row.status,
		total: row.mean === null ? null : Math.round(Number(row.mean) * 10) / 10,
		scored: row.scored,
		updatedAt: row.updatedAt,
		updatedBy: row.updatedBy
	}));
	return { group, assessments, newPeriod: defaultPeriod(courseToday(), group.startDate) };
}

/** One item of an assessment, as the form and the report show it. */
export interface AssessmentItem {
	item: FidelityItem;
	score: FidelityScore | null;
	note: string;
	fromProposal: boolean;
	updatedBy: string | null;
	updatedAt: Date | null;
	/** Herstelpad's proposal, absent when it holds no evidence for the item. */
	proposal: Proposal | null;
}

/**
 * One assessment of the group with its 13 items, the evidence for its period and the proposals. The
 * read (or, for the printed report, the print) is logged.
 */
export async function fidelityAssessmentOf(
	db: Db,
	actor: Actor,
	groupId: string,
	assessmentId: string,
	purpose: 'read' | 'print' = 'read'
) {
	const scope = await requireFidelityAssessment(db, actor, groupId, assessmentId);
	const loaded = await loadAssessment(db, scope.assessmentId);
	const today = courseToday();
	const evidence = await fidelityEvidence(db, scope.group.id, {
		start: loaded.assessment.periodStart,
		end: loaded.assessment.periodEnd,
		today
	});
	const proposals = proposeScores(evidence);
	await record(db, {
		eventType: purpose === 'print' ? 'fidelity.print' : 'fidelity.read',
		action: purpose === 'print' ? 'E' : 'R',
		actor,
		organisationId: scope.group.organisationId,
		object: { type: 'fidelity_assessment', id: scope.assessmentId }
	});
	const items: AssessmentItem[] = FIDELITY_ITEMS.map((item) => {
		const row = loaded.items.get(item);
		return {
			item,
			score: row?.score ?? null,
			note: row?.note ?? '',
			fromProposal: row?.fromProposal ?? false,
			updatedBy: row?.updatedBy ?? null,
			updatedAt: row?.updatedAt ?? null,
			proposal: proposals[item] ?? null
		};
	});
	return {
		group: scope.group,
		assessment: loaded.assessment,
		items,
		evidence,
		total: fidelityTotal(items.map((one) => one.score))
	};
}

/** The assessment row with the names of who made, changed and finalised it, and its items by id. */
export async function loadAssessment(db: Db, assessmentId: string) {
	const creator = aliasedTable(person, 'creator');
	const editor = aliasedTable(person, 'editor');
	const finaliser = aliasedTable(person, 'finaliser');
	const [assessment] = await db
		.select({
			id: fidelityAssessment.id,
			periodStart: fidelityAssessment.periodStart,
			periodEnd: fidelityAssessment.periodEnd,
			status: fidelityAssessment.status,
			createdAt: fidelityAssessment.createdAt,
			createdBy: creator.displayName,
			updatedAt: fidelityAssessment.updatedAt,
			updatedBy: editor.displayName,
			finalisedAt: fidelityAssessment.finalisedAt,
			finalisedBy: finaliser.displayName
		})
		.from(fidelityAssessment)
		.leftJoin(creator, eq(creator.id, fidelityAssessment.createdByPersonId))
		.leftJoin(editor, eq(editor.id, fidelityAssessment.updatedByPersonId))
		.leftJoin(finaliser, eq(finaliser.id, fidelityAssessment.finalisedByPersonId))
		.where(eq(fidelityAssessment.id, assessmentId));
	if (!assessment) throw new Error(`fidelity assessment ${assessmentId} vanished`);
	const itemEditor = aliasedTable(person, 'item_editor');
	const rows = await db
		.select({
			item: fidelityItemScore.item,
			score: fidelityItemScore.score,
			note: fidelityItemScore.note,
			fromProposal: fidelityItemScore.fromProposal,
			updatedAt: fidelityItemScore.updatedAt,
			updatedBy: itemEditor.displayName
		})
		.from(fidelityItemScore)
		.leftJoin(itemEditor, eq(itemEditor.id, fidelityItemScore.updatedByPersonId))
		.where(and(eq(fidelityItemScore.assessmentId, assessmentId)))
		.orderBy(asc(fidelityItemScore.item));
	const items = new Map<FidelityItem, (typeof rows)[number] & { score: FidelityScore | null }>();
	for (const row of rows)
		if (isFidelityItem(row.item))
			items.set(row.item, {
				...row,
				score: row.score !== null && isFidelityScore(row.score) ? row.score : null
			});
	return { assessment, items };
}
