/**
 * The curriculum version a group follows, made on first use from the organisation's newest
 * published version, and its modules with the group's settings (open, coming or closed, their order
 * and session dates). The course, tailoring, editing and home practice start from here.
 */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { ModuleState } from '$lib/domain/curriculum';
import type { Db, Tx } from '../../db/client';
import { curriculumModule, curriculumVersion, groupCourse, groupModule } from '../../db/schema';

/** The organisation's newest published curriculum version, or null before any. */
export async function newestPublishedVersion(
	db: Db | Tx,
	organisationId: string
): Promise<{ id: string; number: number } | null> {
	const [newest] = await db
		.select({ id: curriculumVersion.id, number: curriculumVersion.number })
		.from(curriculumVersion)
		.where(
			and(eq(curriculumVersion.organisationId, organisationId), isNotNull(curriculumVersion.publishedAt))
		)
		.orderBy(desc(curriculumVersion.number))
		.limit(1);
	return newest ?? null;
}

/**
 * The version a group follows, created on first use: the organisation's newest published version,
 * with module 1 open and the others coming (in module order). Returns null when there is none.
 */
export async function ensureGroupCourse(
	db: Db | Tx,
	groupId: string,
	organisationId: string
): Promise<string | null> {
	const [existing] = await db
		.select({ versionId: groupCourse.versionId })
		.from(groupCourse)
		.where(eq(groupCourse.groupId, groupId));
	if (existing) return existing.versionId;
	const latest = await newestPublishedVersion(db, organisationId);
	if (!latest) return null;
	await db.insert(groupCourse).values({ groupId, versionId: latest.id }).onConflictDoNothing();
	const numbers = await db
		.select({ number: curriculumModule.number })
		.from(curriculumModule)
		.where(eq(curriculumModule.versionId, latest.id))
		.orderBy(asc(curriculumModule.number));
	if (numbers.length > 0)
		await db
			.insert(groupModule)
			.values(
				numbers.map(({ number }, index) => ({
					groupId,
					moduleNumber: number,
					state: (index === 0 ? 'open' : 'coming') as ModuleState,
					position: index + 1
				}))
			)
			.onConflictDoNothing();
	const [chosen] = await db
		.select({ versionId: groupCourse.versionId })
		.from(groupCourse)
		.where(eq(groupCourse.groupId, groupId));
	return chosen?.versionId ?? null;
}

/** The modules of a version with one group's settings (modules without a row count as coming). */
export function groupModulesOf(db: Db | Tx, groupId: string, versionId: string) {
	return db
		.select({
			id: curriculumModule.id,
			number: curriculumModule.number,
			title: curriculumModule.title,
			summary: curriculumModule.summary,
			state: sql<ModuleState>`coalesce(${groupModule.state}, 'coming')`,
			position: sql<number>`coalesce(${groupModule.position}, ${curriculumModule.number})`,
			// The first planned session that has this module in its plan (the session page and the course
			// page set the same fact: group_session.module_number).
			sessionDate: sql<string | null>`(
				select min(s.date)::text from group_session s
				where s.group_id = ${groupId} and s.module_number = ${curriculumModule.number} and s.status = 'planned'
			)`
		})
		.from(curriculumModule)
		.leftJoin(
			groupModule,
			and(eq(groupModule.groupId, groupId), eq(groupModule.moduleNumber, curriculumModule.number))
		)
		.where(eq(curriculumModule.versionId, versionId))
		.orderBy(asc(curriculumModule.number));
}
