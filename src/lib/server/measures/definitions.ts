/**
 * Questionnaire definitions: the shipped IMR Scale (no organisation), those a coordinator imports,
 * and which one a group uses. A definition never changes once stored (a new wording is a new
 * version), so its reading is kept in memory by id.
 */
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { imrScale } from '$lib/domain/measures/imr-scale';
import {
	parseQuestionnaire,
	readQuestionnaire,
	type Purpose,
	type Questionnaire
} from '$lib/domain/measures/questionnaire';
import type { Actor } from '$lib/domain/policy';
import { requireCoordinator, requireGroupTrainer } from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { groupMeasurePlan, questionnaire } from '../db/schema';
import { Conflict, Invalid, NotFound } from '../errors';

export type ScheduledPurpose = Extract<Purpose, 'imr_participant' | 'imr_clinician'>;

export interface Definition {
	id: string;
	organisationId: string | null;
	questionnaire: Questionnaire;
	resource: unknown;
}

const read = new Map<string, Definition>();

function definitionOf(row: { id: string; organisationId: string | null; definition: unknown }): Definition {
	let found = read.get(row.id);
	if (!found) {
		const result = readQuestionnaire(row.definition);
		// Stored definitions were read when they were stored; one that no longer reads is a fault.
		if (!result.ok) throw new Error(`Stored questionnaire ${row.id} does not read: ${result.problem.key}`);
		found = {
			id: row.id,
			organisationId: row.organisationId,
			questionnaire: result.questionnaire,
			resource: row.definition
		};
		if (read.size > 500) read.clear();
		read.set(row.id, found);
	}
	return found;
}

/** Stores the shipped definitions when they are not there yet (any instance, any time: idempotent). */
export async function ensureShipped(db: Db | Tx): Promise<void> {
	const rows = (['participant', 'clinician'] as const).map((who) => {
		const resource = imrScale(who);
		return {
			purpose: who === 'participant' ? 'imr_participant' : 'imr_clinician',
			url: resource.url,
			version: resource.version,
			title: resource.title,
			definition: resource
		};
	});
	await db
		.insert(questionnaire)
		.values(rows)
		.onConflictDoNothing({
			target: [questionnaire.url, questionnaire.version],
			where: sql`organisation_id is null`
		});
}

/** A stored definition by id, when it is shipped or the organisation's own. */
export async function definitionById(db: Db | Tx, organisationId: string, id: string): Promise<Definition> {
	const cached = read.get(id);
	if (cached && (cached.organisationId === null || cached.organisationId === organisationId)) return cached;
	const [row] = await db
		.select({
			id: questionnaire.id,
			organisationId: questionnaire.organisationId,
			definition: questionnaire.definition
		})
		.from(questionnaire)
		.where(
			and(
				eq(questionnaire.id, id),
				or(isNull(questionnaire.organisationId), eq(questionnaire.organisationId, organisationId))
			)
		);
	if (!row) throw new NotFound('questionnaire');
	return definitionOf(row);
}

/**
 * The definition a group uses for a purpose: the one chosen for the group, else the organisation's
 * newest of that purpose, else the shipped one.
 */
export async function groupDefinition(
	db: Db | Tx,
	group: { id: string; organisationId: string },
	purpose: ScheduledPurpose
): Promise<Definition> {
	const chosen =
		purpose === 'imr_participant'
			? groupMeasurePlan.participantQuestionnaireId
			: groupMeasurePlan.clinicianQuestionnaireId;
	const pick = () =>
		db
			.select({
				id: questionnaire.id,
				organisationId: questionnaire.organisationId,
				definition: questionnaire.definition
			})
			.from(questionnaire)
			.leftJoin(groupMeasurePlan, and(eq(groupMeasurePlan.groupId, group.id), eq(chosen, questionnaire.id)))
			.where(
				and(
					eq(questionnaire.purpose, purpose),
					or(isNull(questionnaire.organisationId), eq(questionnaire.organisationId, group.organisationId))
				)
			)
			.orderBy(
				sql`${groupMeasurePlan.groupId} is null`,
				sql`${questionnaire.organisationId} is null`,
				desc(questionnaire.createdAt)
			)
			.limit(1);
	let [row] = await pick();
	if (!row) {
		await ensureShipped(db);
		[row] = await pick();
	}
	if (!row) throw new Error('The shipped questionnaires could not be stored.');
	return definitionOf(row);
}

/** Imports a definition for the coordinator's organisation: refused with the problem and where it is. */
export async function importDefinition(db: Db, actor: Actor, text: string): Promise<{ id: string }> {
	const organisationId = requireCoordinator(actor);
	const result = parseQuestionnaire(text);
	if (!result.ok) throw new Invalid('definitie', result.problem.key);
	const parsed = result.questionnaire;
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(questionnaire)
			.values({
				organisationId,
				purpose: parsed.purpose,
				url: parsed.url,
				version: parsed.version,
				title: parsed.title.nl,
				definition: JSON.parse(text),
				importedByPersonId: actor.personId
			})
			.onConflictDoNothing()
			.returning({ id: questionnaire.id });
		if (!created) throw new Conflict('questionnaire_exists');
		await record(tx, {
			eventType: 'questionnaire.import',
			action: 'C',
			actor,
			object: { type: 'questionnaire', id: created.id }
		});
		return created;
	});
}

export interface DefinitionRow {
	id: string;
	title: string;
	purpose: string;
	url: string;
	version: string;
	shipped: boolean;
	ownWording: boolean;
	createdAt: Date;
	/** The groups that chose it (at most a few names, and how many in all). */
	groupNames: string[];
	groupCount: number;
}

/** The definitions an organisation can use and which groups chose each (for the coordinator). */
export async function organisationDefinitions(db: Db, actor: Actor): Promise<DefinitionRow[]> {
	const organisationId = requireCoordinator(actor);
	await ensureShipped(db);
	const rows = await db
		.select({
			id: questionnaire.id,
			organisationId: questionnaire.organisationId,
			definition: questionnaire.definition,
			createdAt: questionnaire.createdAt,
			// Written out: in a one-table select drizzle leaves column names unqualified.
			groupNames: sql<string[]>`coalesce((
				select array_agg(name order by name) from (
					select g.name from group_measure_plan p join course_group g on g.id = p.group_id
					where g.organisation_id = ${organisationId}
					and questionnaire.id in (p.participant_questionnaire_id, p.clinician_questionnaire_id)
					order by g.name limit 5) chosen), '{}')`,
			groupCount: sql<number>`(
				select count(*)::int from group_measure_plan p join course_group g on g.id = p.group_id
				where g.organisation_id = ${organisationId}
				and questionnaire.id in (p.participant_questionnaire_id, p.clinician_questionnaire_id))`
		})
		.from(questionnaire)
		.where(or(isNull(questionnaire.organisationId), eq(questionnaire.organisationId, organisationId)))
		.orderBy(questionnaire.purpose, desc(questionnaire.createdAt))
		.limit(200);
	return rows.map((row) => {
		const { questionnaire: parsed } = definitionOf(row);
		return {
			id: row.id,
			title: parsed.title.nl,
			purpose: parsed.purpose,
			url: parsed.url,
			version: parsed.version,
			shipped: row.organisationId === null,
			ownWording: parsed.ownWording,
			createdAt: row.createdAt,
			groupNames: row.groupNames,
			groupCount: row.groupCount
		};
	});
}

/** A group's moments and chosen definitions, for its trainers; a definition of another purpose is refused. */
export async function saveGroupMeasurePlan(
	db: Db,
	actor: Actor,
	groupId: string,
	input: {
		moments: number[];
		participantQuestionnaireId: string | null;
		clinicianQuestionnaireId: string | null;
	}
): Promise<void> {
	const group = await requireGroupTrainer(db, actor, groupId);
	const choices = [
		['participantQuestionnaireId', 'deelnemerversie', 'imr_participant'],
		['clinicianQuestionnaireId', 'begeleiderversie', 'imr_clinician']
	] as const;
	for (const [key, field, purpose] of choices) {
		const id = input[key];
		if (id === null) continue;
		const found = await definitionById(db, group.organisationId, id).catch(() => null);
		if (found?.questionnaire.purpose !== purpose) throw new Invalid(field, 'measure_definition_invalid');
	}
	await db.transaction(async (tx) => {
		const values = { groupId: group.id, ...input };
		await tx
			.insert(groupMeasurePlan)
			.values(values)
			.onConflictDoUpdate({ target: groupMeasurePlan.groupId, set: input });
		await record(tx, {
			eventType: 'measure.settings_update',
			action: 'U',
			actor,
			object: { type: 'group', id: group.id }
		});
	});
}

/** The definitions a group's trainers may choose from, per purpose (shipped and the organisation's own). */
export async function choosableDefinitions(db: Db | Tx, organisationId: string) {
	await ensureShipped(db);
	return db
		.select({
			id: questionnaire.id,
			purpose: questionnaire.purpose,
			title: questionnaire.title,
			version: questionnaire.version,
			shipped: sql<boolean>`${questionnaire.organisationId} is null`
		})
		.from(questionnaire)
		.where(
			and(
				inArray(questionnaire.purpose, ['imr_participant', 'imr_clinician']),
				or(isNull(questionnaire.organisationId), eq(questionnaire.organisationId, organisationId))
			)
		)
		.orderBy(questionnaire.purpose, desc(questionnaire.createdAt))
		.limit(100);
}
