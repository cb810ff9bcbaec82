/**
 * Reading the access log: a participant reads the rows about their own data; a coordinator reads
 * their organisation's rows, and that reading is itself logged.
 */
import { aliasedTable, and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Actor, Role } from '$lib/domain/policy';
import { isParticipant, requireCoordinator, requireOrganisationPeople } from '../access';
import type { Db } from '../db/client';
import { auditEvent, organisation, person } from '../db/schema';
import { Forbidden } from '../errors';
import { record, type AuditAction } from './record';

export interface Period {
	/** First day, "YYYY-MM-DD", inclusive. */
	from?: string;
	/** Last day, "YYYY-MM-DD", inclusive. */
	to?: string;
}

function periodFilter(period: Period): SQL[] {
	const filters: SQL[] = [];
	// Days are Dutch calendar days.
	if (period.from)
		filters.push(
			gte(auditEvent.recordedAt, sql`(${period.from}::date)::timestamp at time zone 'Europe/Amsterdam'`)
		);
	if (period.to)
		filters.push(
			lt(auditEvent.recordedAt, sql`((${period.to}::date + 1)::timestamp) at time zone 'Europe/Amsterdam'`)
		);
	return filters;
}

/** Rows about one participant: their own rows and the list reads that showed them (participant_ids). */
function aboutParticipant(participantId: string): SQL {
	return or(
		eq(auditEvent.participantId, participantId),
		sql`${auditEvent.participantIds} @> array[${participantId}]::uuid[]`
	) as SQL;
}

/**
 * One line of a participant's own log: the same event by the same person on the same (Dutch) day, with
 * how often and from when to when it happened.
 */
export interface ParticipantLogRow {
	/** The Dutch calendar day, "YYYY-MM-DD". */
	day: string;
	/** The first and the last time it happened that day. */
	firstAt: Date;
	recordedAt: Date;
	count: number;
	eventType: string;
	action: AuditAction;
	actorRole: string | null;
	/** Null when the actor's organisation hides staff names from participants. */
	actorName: string | null;
	/** The actor is a trainer who is also a peer expert (as they are now). */
	actorIsPeerExpert: boolean;
	organisationName: string | null;
}

const staffOrganisation = aliasedTable(organisation, 'staff_organisation');
const staffPerson = aliasedTable(person, 'staff_person');

/**
 * One page of the rows about the participant's own data, newest first, and whether more follow. Repeats
 * of one event by one person on one day make one line (with their number), so twenty looks at the
 * participant list read as one line, not twenty.
 */
export async function accessLogOfParticipant(
	db: Db,
	actor: Actor,
	options: Period & { page: number; pageSize: number }
): Promise<{ rows: ParticipantLogRow[]; hasMore: boolean }> {
	// Their own rows: no object to look up, only who is asking.
	if (!isParticipant(actor)) throw new Forbidden('participant_only');
	const day = sql<string>`to_char(${auditEvent.recordedAt} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')`;
	// First the page of lines from the participant's own rows (both indexes, BitmapOr), grouped and
	// sorted; only then who did it and their organisation, for the lines on the page. Joined before the
	// grouping, PostgreSQL hashed the whole person table on every view (issue 22, 100,000 participants).
	const lines = db
		.select({
			day: day.as('day'),
			firstAt: sql<Date>`min(${auditEvent.recordedAt})`.as('first_at'),
			lastAt: sql<Date>`max(${auditEvent.recordedAt})`.as('last_at'),
			count: sql<number>`count(*)::int`.as('count'),
			eventType: auditEvent.eventType,
			action: auditEvent.action,
			actorPersonId: auditEvent.actorPersonId,
			actorRole: auditEvent.actorRole,
			actorName: auditEvent.actorName,
			actorOrganisationId: auditEvent.actorOrganisationId,
			lastSeq: sql<number>`max(${auditEvent.chainSeq})`.as('last_seq')
		})
		.from(auditEvent)
		.where(
			and(
				aboutParticipant(actor.personId),
				// Their own course work is logged too, but this screen is about what others did.
				sql`not (${auditEvent.eventType} ~ '^(curriculum|goal|check_in|reminder|help_request|message|home_practice|toolbox|network)\.' and ${auditEvent.actorPersonId} is not distinct from ${actor.personId})`,
				...periodFilter(options)
			)
		)
		.groupBy(
			day,
			auditEvent.eventType,
			auditEvent.action,
			auditEvent.actorPersonId,
			auditEvent.actorRole,
			auditEvent.actorName,
			auditEvent.actorOrganisationId
		)
		.orderBy(desc(sql`max(${auditEvent.chainSeq})`))
		.limit(options.pageSize + 1)
		.offset(options.page * options.pageSize)
		.as('lines');
	const rows = await db
		.select({
			day: lines.day,
			firstAt: sql<Date>`${lines.firstAt}`.mapWith(auditEvent.recordedAt),
			recordedAt: sql<Date>`${lines.lastAt}`.mapWith(auditEvent.recordedAt),
			count: lines.count,
			eventType: lines.eventType,
			action: lines.action,
			actorRole: lines.actorRole,
			actorName: sql<
				string | null
			>`case when coalesce(${staffOrganisation.showStaffNamesInAccessLog}, true) then ${lines.actorName} end`,
			actorIsPeerExpert: sql<boolean>`coalesce(${staffPerson.isPeerExpert}, false)`,
			organisationName: staffOrganisation.name
		})
		.from(lines)
		.leftJoin(staffOrganisation, eq(staffOrganisation.id, lines.actorOrganisationId))
		.leftJoin(staffPerson, eq(staffPerson.id, lines.actorPersonId))
		.orderBy(desc(lines.lastSeq));
	return { rows: rows.slice(0, options.pageSize), hasMore: rows.length > options.pageSize };
}

export interface OrganisationLogFilter extends Period {
	participantId?: string;
	actorPersonId?: string;
	action?: AuditAction;
}

export interface OrganisationLogRow {
	id: number;
	recordedAt: Date;
	eventType: string;
	action: AuditAction;
	outcome: 'success' | 'failure';
	actorName: string | null;
	actorRole: string | null;
	participantName: string | null;
	objectType: string | null;
	objectId: string | null;
	accessPoint: string | null;
}

const subject = aliasedTable(person, 'subject');

/**
 * The ids of the organisation's newest rows that pass the filters: rows about its data, and rows
 * its people wrote about other data (an organisation's actor on an object recorded elsewhere).
 * Two ordered, limited index scans instead of one OR, so that no filter — an action, a period
 * long ago — reads the whole table: the indexes on audit_event (schema.ts) match these branches.
 */
function ownRowIds(organisationId: string, filters: SQL[], limit: number): SQL {
	const newestFirst = sql`order by ${auditEvent.recordedAt} desc, ${auditEvent.chainSeq} desc limit ${limit}`;
	const about = and(eq(auditEvent.organisationId, organisationId), ...filters);
	const by = and(
		eq(auditEvent.actorOrganisationId, organisationId),
		sql`${auditEvent.organisationId} is distinct from ${auditEvent.actorOrganisationId}`,
		...filters
	);
	return sql`${auditEvent.id} in ((select ${auditEvent.id} from ${auditEvent} where ${about} ${newestFirst})
		union all (select ${auditEvent.id} from ${auditEvent} where ${by} ${newestFirst}))`;
}

/**
 * The coordinator's view of their organisation's access log (rows about its participants or done
 * by its people), newest first, at most `limit` rows. Logged as a read, or an export for CSV.
 * NotFound when a filter names someone outside the organisation: nothing read, and the refusal
 * logged without naming anyone as a participant.
 */
export async function accessLogOfOrganisation(
	db: Db,
	actor: Actor,
	filter: OrganisationLogFilter,
	options: { limit: number; purpose: 'view' | 'export' }
): Promise<OrganisationLogRow[]> {
	// Checked before anything is read: a foreign id must not end up in this log as a participant.
	const named = [filter.participantId, filter.actorPersonId].filter((id): id is string => !!id);
	const organisationId = await requireOrganisationPeople(db, actor, named);
	const conditions = [...periodFilter(filter)];
	if (filter.participantId) conditions.push(aboutParticipant(filter.participantId));
	if (filter.actorPersonId) conditions.push(eq(auditEvent.actorPersonId, filter.actorPersonId));
	if (filter.action) conditions.push(eq(auditEvent.action, filter.action));
	const own = ownRowIds(organisationId, conditions, options.limit);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({
				id: auditEvent.id,
				recordedAt: auditEvent.recordedAt,
				eventType: auditEvent.eventType,
				action: auditEvent.action,
				outcome: auditEvent.outcome,
				actorName: auditEvent.actorName,
				actorRole: auditEvent.actorRole,
				participantName: subject.displayName,
				objectType: auditEvent.objectType,
				objectId: auditEvent.objectId,
				accessPoint: auditEvent.accessPoint
			})
			.from(auditEvent)
			// Names only of the organisation's own people, whatever a row names.
			.leftJoin(
				subject,
				and(eq(subject.id, auditEvent.participantId), eq(subject.organisationId, organisationId))
			)
			.where(own)
			.orderBy(desc(auditEvent.recordedAt), desc(auditEvent.chainSeq))
			.limit(options.limit);
		await record(tx, {
			eventType: options.purpose === 'view' ? 'access_log.read' : 'access_log.export',
			action: options.purpose === 'view' ? 'R' : 'E',
			actor,
			participantId: filter.participantId ?? null,
			object: { type: 'access_log', id: organisationId }
		});
		return rows;
	});
}

export interface PersonFound {
	id: string;
	displayName: string;
	role: Role;
}

// LIKE treats % and _ as wildcards and \ as its escape: a name with them is searched as typed.
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * People of the coordinator's organisation whose name contains `term` (any case), by name, one
 * page at a time: the log viewer's filters pick from these instead of a list of everyone. The
 * search is logged (one row, without the term: names are what it shows).
 */
export async function searchOrganisationPeople(
	db: Db,
	actor: Actor,
	props: { term: string; page: number; pageSize: number }
): Promise<{ people: PersonFound[]; hasMore: boolean }> {
	const organisationId = requireCoordinator(actor);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({ id: person.id, displayName: person.displayName, role: person.role })
			.from(person)
			.where(
				and(
					eq(person.organisationId, organisationId),
					ilike(person.displayName, `%${likeEscaped(props.term)}%`)
				)
			)
			.orderBy(person.displayName, person.id)
			.limit(props.pageSize + 1)
			.offset(props.page * props.pageSize);
		const people = rows.slice(0, props.pageSize);
		// The participants whose names this page shows see the search in their own log.
		const participantIds = people.filter((row) => isParticipant(row)).map((row) => row.id);
		await record(tx, {
			eventType: 'organisation.people.read',
			action: 'E',
			actor,
			participantIds: participantIds.length > 0 ? participantIds : null,
			object: { type: 'person_search', id: organisationId }
		});
		return { people, hasMore: rows.length > props.pageSize };
	});
}

/** The name of a person of the coordinator's organisation (a filter already chosen), or null. */
export async function personOfOrganisation(
	db: Db,
	actor: Actor,
	personId: string
): Promise<PersonFound | null> {
	const organisationId = requireCoordinator(actor);
	const [row] = await db
		.select({ id: person.id, displayName: person.displayName, role: person.role })
		.from(person)
		.where(and(eq(person.id, personId), eq(person.organisationId, organisationId)));
	return row ?? null;
}
