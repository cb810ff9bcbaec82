/** The draft version of an organisation's curriculum: the one being edited, not yet published. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { curriculumVersion } from '../../db/schema';

/** The draft version being edited, if there is one. */
export async function draftOf(db: Db | Tx, organisationId: string) {
	const [draft] = await db
		.select({ id: curriculumVersion.id, number: curriculumVersion.number })
		.from(curriculumVersion)
		.where(and(eq(curriculumVersion.organisationId, organisationId), isNull(curriculumVersion.publishedAt)));
	return draft ?? null;
}

/**
 * One change to the organisation's curriculum at a time (starting, publishing, a step's video, a
 * video's removal): a transaction lock, released at commit.
 */
export async function curriculumLock(tx: Tx, organisationId: string): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`curriculum:${organisationId}`}))`);
}
