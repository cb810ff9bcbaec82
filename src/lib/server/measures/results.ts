/**
 * What the measures show: a participant's scores over time (participant and clinician side by side,
 * per factor and per item), a group's filling-in status for its trainers, and the group and
 * organisation means for the coordinator, shown only where at least MIN_CELL participants answered.
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { momentsOf, openMoment } from '$lib/domain/measures/schedule';
import { local } from '$lib/domain/schedule';
import { scoreResponse, type Text } from '$lib/domain/measures/questionnaire';
import type { Actor } from '$lib/domain/policy';
import { requireCoordinator, requireGroupTrainer, requireParticipantInGroup } from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import {
	courseGroup,
	groupMeasurePlan,
	groupMember,
	groupTrainer,
	person,
	questionnaireResponse
} from '../db/schema';
import { definitionById, type ScheduledPurpose } from './definitions';
import { measureGroup } from './responses';

/** The fewest answers a mean is shown for: fewer could point at one person. */
export const MIN_CELL = 5;

export interface Scored {
	mean: number | null;
	factors: { code: string; title: Text; mean: number | null }[];
	items: Record<string, number>;
	completedAt: Date;
	notScored: string | null;
}

export interface MeasurePoint {
	moment: number;
	date: string;
	participant: Scored | null;
	clinician: Scored | null;
}

export interface ParticipantResults {
	points: MeasurePoint[];
	/** The scored items in order, with their text (from the participant version where there is one). */
	items: { linkId: string; text: Text }[];
	factors: { code: string; title: Text }[];
	ownWording: boolean;
}

/** Every finished measure of a participant, by moment (read by whoever the caller checked). */
export async function resultsOf(
	db: Db | Tx,
	organisationId: string,
	subjectId: string
): Promise<ParticipantResults> {
	const rows = await db
		.select({
			groupId: questionnaireResponse.groupId,
			startDate: courseGroup.startDate,
			purpose: questionnaireResponse.purpose,
			moment: questionnaireResponse.moment,
			questionnaireId: questionnaireResponse.questionnaireId,
			answers: questionnaireResponse.answers,
			completedAt: questionnaireResponse.completedAt
		})
		.from(questionnaireResponse)
		.innerJoin(courseGroup, eq(courseGroup.id, questionnaireResponse.groupId))
		.where(
			and(
				eq(questionnaireResponse.subjectId, subjectId),
				eq(questionnaireResponse.organisationId, organisationId),
				eq(questionnaireResponse.status, 'completed')
			)
		)
		.orderBy(asc(questionnaireResponse.moment), asc(questionnaireResponse.completedAt))
		.limit(40);
	const points = new Map<string, MeasurePoint>();
	const items = new Map<string, Text>();
	const factors = new Map<string, Text>();
	let ownWording = false;
	for (const row of rows) {
		const definition = await definitionById(db, organisationId, row.questionnaireId);
		const questionnaire = definition.questionnaire;
		ownWording ||= questionnaire.ownWording;
		const score = scoreResponse(questionnaire, row.answers);
		for (const item of questionnaire.items)
			if (item.scored && (!items.has(item.linkId) || row.purpose === 'imr_participant'))
				items.set(item.linkId, item.text);
		for (const factor of questionnaire.factors)
			if (!factors.has(factor.code)) factors.set(factor.code, factor.title);
		const key = `${row.groupId}:${row.moment}`;
		const point = points.get(key) ?? {
			moment: row.moment,
			date: momentsOf(row.startDate, [row.moment])[0]!.date,
			participant: null,
			clinician: null
		};
		point[row.purpose === 'imr_clinician' ? 'clinician' : 'participant'] = {
			mean: score.mean,
			factors: score.factors.map((factor) => ({
				code: factor.code,
				title: questionnaire.factors.find((candidate) => candidate.code === factor.code)!.title,
				mean: factor.mean
			})),
			items: score.items,
			completedAt: row.completedAt!,
			notScored: score.reason
		};
		points.set(key, point);
	}
	return {
		points: [...points.values()].sort((a, b) => a.date.localeCompare(b.date)),
		items: [...items].map(([linkId, text]) => ({ linkId, text })),
		factors: [...factors].map(([code, title]) => ({ code, title })),
		ownWording
	};
}

/** A participant's results for one of their trainers (logged). */
export async function participantResults(db: Db, actor: Actor, groupId: string, participantId: string) {
	const scope = await requireParticipantInGroup(db, actor, groupId, participantId, 'read');
	const results = await resultsOf(db, scope.organisationId, participantId);
	await record(db, {
		eventType: 'measure.results_read',
		action: 'R',
		actor,
		participantId,
		object: { type: 'measure_results', id: participantId }
	});
	return { name: scope.participantName, ...results };
}

export interface GroupMeasureRow {
	personId: string;
	name: string;
	/** Per moment: whether the participant's and the clinician's version are finished or started. */
	status: Record<number, Record<ScheduledPurpose, 'completed' | 'in_progress' | null>>;
}

/** Who filled in what at each of the group's moments, for its trainers (one row in the log). */
export async function groupMeasureOverview(db: Db, actor: Actor, groupId: string) {
	const trained = await requireGroupTrainer(db, actor, groupId);
	const group = await measureGroup(db, trained.id);
	const members = await db
		.select({ personId: person.id, name: person.displayName })
		.from(groupMember)
		.innerJoin(person, eq(person.id, groupMember.personId))
		.where(and(eq(groupMember.groupId, group.id), isNull(groupMember.leftAt), isNull(person.deactivatedAt)))
		.orderBy(person.displayName)
		.limit(100);
	const responses =
		members.length === 0
			? []
			: await db
					.select({
						subjectId: questionnaireResponse.subjectId,
						purpose: questionnaireResponse.purpose,
						moment: questionnaireResponse.moment,
						status: questionnaireResponse.status
					})
					.from(questionnaireResponse)
					.where(eq(questionnaireResponse.groupId, group.id));
	const rows: GroupMeasureRow[] = members.map((member) => ({ ...member, status: {} }));
	const byId = new Map(rows.map((row) => [row.personId, row]));
	for (const row of rows)
		for (const moment of group.moments) row.status[moment] = { imr_participant: null, imr_clinician: null };
	for (const response of responses) {
		const slot = byId.get(response.subjectId)?.status[response.moment];
		if (slot && (response.purpose === 'imr_participant' || response.purpose === 'imr_clinician'))
			slot[response.purpose] = response.status;
	}
	if (rows.length > 0)
		await record(db, {
			eventType: 'measure.overview_read',
			action: 'R',
			actor,
			participantIds: rows.map((row) => row.personId),
			object: { type: 'group', id: group.id }
		});
	return { group, moments: momentsOf(group.startDate, group.moments), rows, today: local(new Date()).date };
}

export interface MeanCell {
	purpose: string;
	moment: number;
	/** How many finished, scored responses. */
	count: number;
	/** The mean of their mean item scores; null when fewer than MIN_CELL answered. */
	mean: number | null;
}

const cellOf = (row: {
	purpose: string;
	moment: number;
	count: number;
	mean: string | number | null;
}): MeanCell => ({
	purpose: row.purpose,
	moment: Number(row.moment),
	count: Number(row.count),
	mean: Number(row.count) >= MIN_CELL && row.mean !== null ? Math.round(Number(row.mean) * 100) / 100 : null
});

export const MEANS_PAGE_SIZE = 20;

/** The organisation's means and those of one page of its groups, for the coordinator (logged). */
export async function measureMeans(db: Db, actor: Actor, page: number) {
	const organisationId = requireCoordinator(actor);
	const scored = and(eq(questionnaireResponse.status, 'completed'), isNotNull(questionnaireResponse.mean));
	const cell = {
		purpose: questionnaireResponse.purpose,
		moment: questionnaireResponse.moment,
		count: count(),
		mean: sql<string | null>`avg(${questionnaireResponse.mean})`
	};
	const organisation = await db
		.select(cell)
		.from(questionnaireResponse)
		.where(and(eq(questionnaireResponse.organisationId, organisationId), scored))
		.groupBy(questionnaireResponse.purpose, questionnaireResponse.moment)
		.orderBy(questionnaireResponse.moment, questionnaireResponse.purpose);
	const groups = await db
		.select({ id: courseGroup.id, name: courseGroup.name, total: sql<number>`count(*) over ()` })
		.from(courseGroup)
		.where(eq(courseGroup.organisationId, organisationId))
		.orderBy(courseGroup.name)
		.limit(MEANS_PAGE_SIZE)
		.offset(page * MEANS_PAGE_SIZE);
	const perGroup =
		groups.length === 0
			? []
			: await db
					.select({ groupId: questionnaireResponse.groupId, ...cell })
					.from(questionnaireResponse)
					.where(
						and(
							inArray(
								questionnaireResponse.groupId,
								groups.map((group) => group.id)
							),
							scored
						)
					)
					.groupBy(
						questionnaireResponse.groupId,
						questionnaireResponse.purpose,
						questionnaireResponse.moment
					);
	await record(db, {
		eventType: 'measure.means_read',
		action: 'R',
		actor,
		object: { type: 'organisation', id: organisationId }
	});
	return {
		organisation: organisation.map(cellOf),
		groups: groups.map((group) => ({
			id: group.id,
			name: group.name,
			cells: perGroup.filter((row) => row.groupId === group.id).map(cellOf)
		})),
		total: Number(groups[0]?.total ?? 0)
	};
}

export interface MeasureAttention {
	groupId: string;
	groupName: string;
	moment: number;
	/** Active participants whose clinician version of the open moment is not finished. */
	clinicianOpen: number;
	/** Active participants who have not finished their own version yet. */
	participantOpen: number;
}

/** Per group the actor trains: the open moment's versions still to fill in (counts only; not logged). */
export async function measureAttention(db: Db, actor: Actor, now = new Date()): Promise<MeasureAttention[]> {
	const groups = await db
		.select({
			id: courseGroup.id,
			name: courseGroup.name,
			startDate: courseGroup.startDate,
			moments: sql<number[]>`coalesce(${groupMeasurePlan.moments}, '{0,6,12}'::smallint[])`
		})
		.from(groupTrainer)
		.innerJoin(courseGroup, eq(courseGroup.id, groupTrainer.groupId))
		.leftJoin(groupMeasurePlan, eq(groupMeasurePlan.groupId, courseGroup.id))
		.where(eq(groupTrainer.personId, actor.personId))
		.limit(50);
	const today = local(now).date;
	const open = groups.flatMap((group) => {
		const moment = openMoment(group.startDate, group.moments.map(Number), today);
		return moment ? [{ ...group, moment: moment.moment }] : [];
	});
	if (open.length === 0) return [];
	const { rows } = await db.execute<{
		group_id: string;
		clinician_open: number;
		participant_open: number;
	}>(sql`
		select gm.group_id,
		  count(*) filter (where c.status is distinct from 'completed')::int as clinician_open,
		  count(*) filter (where p.status is distinct from 'completed')::int as participant_open
		from unnest(${`{${open.map((group) => group.id).join(',')}}`}::uuid[],
		  ${`{${open.map((group) => group.moment).join(',')}}`}::smallint[]) as o(group_id, moment)
		join group_member gm on gm.group_id = o.group_id and gm.left_at is null
		join person pe on pe.id = gm.person_id and pe.deactivated_at is null
		left join questionnaire_response c on c.subject_id = gm.person_id and c.group_id = o.group_id
		  and c.moment = o.moment and c.purpose = 'imr_clinician'
		left join questionnaire_response p on p.subject_id = gm.person_id and p.group_id = o.group_id
		  and p.moment = o.moment and p.purpose = 'imr_participant'
		group by gm.group_id`);
	return open.flatMap((group) => {
		const row = rows.find((candidate) => candidate.group_id === group.id);
		if (!row || (row.clinician_open === 0 && row.participant_open === 0)) return [];
		return [
			{
				groupId: group.id,
				groupName: group.name,
				moment: group.moment,
				clinicianOpen: row.clinician_open,
				participantOpen: row.participant_open
			}
		];
	});
}
