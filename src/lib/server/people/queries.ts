/**
 * The coordinator's people list and a person's own page. The list is read one page at a time in
 * (role, name, id) order with a keyset cursor, so a page costs the same at 10 or 100,000 people, and
 * each page read is one access-log row naming the participants it showed.
 */
import { and, asc, count, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor, Role } from '$lib/domain/policy';
import { isParticipant, recordRefusal, requireCoordinator, requireOrganisationPerson } from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { courseGroup, groupMember, person } from '../db/schema';
import { NotFound } from '../errors';

/** People per page of the list. */
export const PEOPLE_PAGE_SIZE = 50;
/** The list counts matches up to this many and then says "more than". */
export const PEOPLE_COUNT_LIMIT = 1000;

/** The roles the list can be narrowed to (staff of an organisation and its participants). */
export const listedRoles = ['participant', 'trainer', 'coordinator', 'researcher'] as const;

export interface PeopleFilter {
	/** Words that start words of the person's name. */
	name?: string;
	/** Words that start words of the name of the person's current group. */
	group?: string;
	status?: 'active' | 'inactive';
	role?: (typeof listedRoles)[number];
	/** Show the page after this person (cursor), or the page before this person. */
	after?: string;
	before?: string;
}

export interface OrganisationPerson {
	id: string;
	displayName: string;
	role: Role;
	active: boolean;
	groupId: string | null;
	groupName: string | null;
}

export interface PeoplePage {
	people: OrganisationPerson[];
	/** Matches counted up to PEOPLE_COUNT_LIMIT; `countIsMore` when there are more. */
	count: number;
	countIsMore: boolean;
	hasPrevious: boolean;
	hasNext: boolean;
	actorPersonId: string;
}

/**
 * A prefix query for to_tsquery('simple', …): every word of the input must start a word of the text.
 * Only letters and digits survive, so nothing the user types can be tsquery syntax. Null: no words.
 */
export function prefixQuery(input: string | undefined): string | null {
	const words = (input ?? '')
		.normalize('NFC')
		.toLowerCase()
		.split(/[^\p{L}\p{M}\p{N}]+/u)
		.filter(Boolean)
		.slice(0, 8);
	return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}

// The same expressions as the indexes person_people_list_idx and person_name_search_idx.
const sortName = sql`lower(${person.displayName})`;

function filterConditions(organisationId: string, filter: PeopleFilter): SQL[] {
	const conditions: SQL[] = [eq(person.organisationId, organisationId)];
	const name = prefixQuery(filter.name);
	if (name)
		conditions.push(sql`to_tsvector('simple', ${person.displayName}) @@ to_tsquery('simple', ${name})`);
	const group = prefixQuery(filter.group);
	if (group)
		conditions.push(sql`exists (
			select 1 from ${groupMember} join ${courseGroup} on ${courseGroup.id} = ${groupMember.groupId}
			where ${groupMember.personId} = ${person.id} and ${groupMember.leftAt} is null
			  and ${courseGroup.organisationId} = ${organisationId}
			  and to_tsvector('simple', ${courseGroup.name}) @@ to_tsquery('simple', ${group}))`);
	if (filter.status === 'active') conditions.push(isNull(person.deactivatedAt));
	if (filter.status === 'inactive') conditions.push(isNotNull(person.deactivatedAt));
	if (filter.role) conditions.push(eq(person.role, filter.role));
	return conditions;
}

/** Where a person stands in the list order (a page cursor). */
export interface PeopleCursor {
	role: Role;
	sortName: string;
	id: string;
}

/** The cursor of this person; someone of another organisation is unknown (NotFound, logged). */
async function cursorOf(
	db: Db,
	actor: Actor,
	organisationId: string,
	personId: string
): Promise<PeopleCursor> {
	const [found] = await db
		.select({ role: person.role, sortName: sql<string>`${sortName}`, id: person.id })
		.from(person)
		.where(and(eq(person.id, personId), eq(person.organisationId, organisationId)));
	if (found) return found;
	await recordRefusal(db, actor, { type: 'person', id: personId });
	throw new NotFound('person');
}

/**
 * The page query itself (exported so a test can EXPLAIN it): up to one more than a page after (or,
 * `backwards`, before) the cursor, in list order (reversed when going backwards).
 */
export function peoplePageQuery(
	db: Db | Tx,
	organisationId: string,
	filter: PeopleFilter,
	cursor: PeopleCursor | null,
	backwards = false
) {
	const conditions = filterConditions(organisationId, filter);
	if (cursor) {
		const position = sql`(${person.role}, ${sortName}, ${person.id})`;
		const at = sql`(${cursor.role}::"role", ${cursor.sortName}, ${cursor.id}::uuid)`;
		conditions.push(backwards ? sql`${position} < ${at}` : sql`${position} > ${at}`);
	}
	const order = backwards
		? [desc(person.role), desc(sortName), desc(person.id)]
		: [asc(person.role), asc(sortName), asc(person.id)];
	return db
		.select({
			id: person.id,
			displayName: person.displayName,
			role: person.role,
			deactivatedAt: person.deactivatedAt
		})
		.from(person)
		.where(and(...conditions))
		.orderBy(...order)
		.limit(PEOPLE_PAGE_SIZE + 1);
}

/** One page of the coordinator's organisation, filtered; the participants shown are logged in one row. */
export async function organisationPeoplePage(
	db: Db,
	actor: Actor,
	filter: PeopleFilter
): Promise<PeoplePage> {
	const organisationId = requireCoordinator(actor);
	const conditions = filterConditions(organisationId, filter);
	const backwards = !filter.after && !!filter.before;
	const cursorId = filter.after ?? filter.before;
	const cursor = cursorId ? await cursorOf(db, actor, organisationId, cursorId) : null;
	return db.transaction(async (tx) => {
		const rows = await peoplePageQuery(tx, organisationId, filter, cursor, backwards);
		const more = rows.length > PEOPLE_PAGE_SIZE;
		const shown = rows.slice(0, PEOPLE_PAGE_SIZE);
		if (backwards) shown.reverse();
		const [counted] = await tx.select({ n: count() }).from(
			tx
				.select({ one: sql`1` })
				.from(person)
				.where(and(...conditions))
				.limit(PEOPLE_COUNT_LIMIT + 1)
				.as('matches')
		);
		const groups = await currentGroups(
			tx,
			shown.map((row) => row.id)
		);
		const participantIds = shown.filter((row) => isParticipant(row)).map((row) => row.id);
		if (participantIds.length > 0)
			await record(tx, {
				eventType: 'organisation.people.read',
				action: 'R',
				actor,
				participantIds,
				object: { type: 'organisation', id: organisationId }
			});
		const matches = counted?.n ?? 0;
		return {
			people: shown.map(({ deactivatedAt, ...row }) => ({
				...row,
				active: deactivatedAt === null,
				groupId: groups.get(row.id)?.id ?? null,
				groupName: groups.get(row.id)?.name ?? null
			})),
			count: Math.min(matches, PEOPLE_COUNT_LIMIT),
			countIsMore: matches > PEOPLE_COUNT_LIMIT,
			hasPrevious: backwards ? more : !!cursorId,
			hasNext: backwards ? !!cursorId : more,
			actorPersonId: actor.personId
		};
	});
}

/** The current group of each of these people: one query with one array parameter (EXPLAINed in a test). */
export function currentGroupsQuery(db: Db | Tx, personIds: string[]) {
	return db
		.select({ personId: groupMember.personId, id: courseGroup.id, name: courseGroup.name })
		.from(groupMember)
		.innerJoin(courseGroup, eq(courseGroup.id, groupMember.groupId))
		.where(
			and(sql`${groupMember.personId} = any(${sql.param(personIds)}::uuid[])`, isNull(groupMember.leftAt))
		)
		.orderBy(desc(groupMember.joinedAt));
}

async function currentGroups(db: Db | Tx, personIds: string[]) {
	const groups = new Map<string, { id: string; name: string }>();
	if (personIds.length === 0) return groups;
	for (const row of await currentGroupsQuery(db, personIds))
		if (!groups.has(row.personId)) groups.set(row.personId, row);
	return groups;
}

export interface PersonDetail extends OrganisationPerson {
	isPeerExpert: boolean;
	isSelf: boolean;
	/** Groups this participant can be moved to (empty for staff and turned-off accounts). */
	moveTargets: { id: string; name: string }[];
}

/** One person of the coordinator's organisation (NotFound otherwise); reading a participant is logged. */
export async function organisationPerson(db: Db, actor: Actor, personId: string): Promise<PersonDetail> {
	const organisationId = requireCoordinator(actor);
	// Someone of another organisation is as good as unknown here.
	const found = await requireOrganisationPerson(db, actor, personId);
	return db.transaction(async (tx) => {
		const group = (await currentGroups(tx, [found.id])).get(found.id) ?? null;
		const active = found.deactivatedAt === null;
		const moveTargets =
			isParticipant(found) && active
				? await tx
						.select({ id: courseGroup.id, name: courseGroup.name })
						.from(courseGroup)
						.where(
							and(
								eq(courseGroup.organisationId, organisationId),
								group ? sql`${courseGroup.id} <> ${group.id}` : undefined
							)
						)
						.orderBy(courseGroup.name)
				: [];
		if (isParticipant(found))
			await record(tx, {
				eventType: 'organisation.people.read',
				action: 'R',
				actor,
				participantId: found.id,
				object: { type: 'person', id: found.id }
			});
		return {
			id: found.id,
			displayName: found.displayName,
			role: found.role,
			isPeerExpert: found.isPeerExpert,
			active,
			groupId: group?.id ?? null,
			groupName: group?.name ?? null,
			isSelf: found.id === actor.personId,
			moveTargets
		};
	});
}
