/** The draft version of an organisation's curriculum: the one being edited, not yet published. */
import { and, eq, isNull } from 'drizzle-orm';
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
