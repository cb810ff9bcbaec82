/**
 * Research studies: the organisation's coordinator creates one per study (a name; the server makes
 * its key, sealed with the app's secret, never shown or exported), and the coordinator and the
 * organisation's researchers see the list, one page at a time.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { requireCoordinator, requireStudyReader } from '../access';
import { record } from '../audit/record';
import { seal } from '../auth/secret-box';
import type { Db, Tx } from '../db/client';
import { consent, person, researchStudy } from '../db/schema';
import { newStudyKey } from './pseudonym';

/** The fewest consenting participants a row-level export is made for: fewer could point at one person. */
export const MIN_PARTICIPANTS = 5;

export const STUDY_PAGE_SIZE = 20;

export interface StudyListItem {
	id: string;
	name: string;
	createdAt: Date;
}

/** The coordinator creates a study with a new key; logged. Returns its id. */
export async function createStudy(db: Db, actor: Actor, name: string, appSecret: string): Promise<string> {
	const organisationId = requireCoordinator(actor);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(researchStudy)
			.values({ organisationId, name, keySealed: seal(newStudyKey(), appSecret) })
			.returning({ id: researchStudy.id });
		if (!row) throw new Error('study not created');
		await record(tx, {
			eventType: 'research.study_create',
			action: 'C',
			actor,
			object: { type: 'research_study', id: row.id }
		});
		return row.id;
	});
}

/** Whether at least MIN_PARTICIPANTS participants of the organisation consent to research now. */
export async function enoughConsent(db: Db | Tx, organisationId: string): Promise<boolean> {
	return (await consentingCount(db, organisationId)) >= MIN_PARTICIPANTS;
}

/** How many participants of the organisation consent to research now (counted, never listed). */
export async function consentingCount(db: Db | Tx, organisationId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(consent)
		.innerJoin(person, eq(person.id, consent.personId))
		.where(
			and(
				eq(consent.purpose, 'research'),
				sql`${consent.given}`,
				eq(person.organisationId, organisationId),
				eq(person.role, 'participant')
			)
		);
	return row?.n ?? 0;
}

/**
 * The organisation's studies, newest first, one page; and whether an export can be made now (enough
 * participants consent). No participant's data: no access-log row.
 */
export async function studies(
	db: Db,
	actor: Actor,
	page: number
): Promise<{ items: StudyListItem[]; hasMore: boolean; enough: boolean }> {
	const organisationId = requireStudyReader(actor);
	const rows = await db
		.select({ id: researchStudy.id, name: researchStudy.name, createdAt: researchStudy.createdAt })
		.from(researchStudy)
		.where(eq(researchStudy.organisationId, organisationId))
		.orderBy(desc(researchStudy.createdAt), desc(researchStudy.id))
		.limit(STUDY_PAGE_SIZE + 1)
		.offset(page * STUDY_PAGE_SIZE);
	return {
		items: rows.slice(0, STUDY_PAGE_SIZE),
		hasMore: rows.length > STUDY_PAGE_SIZE,
		enough: await enoughConsent(db, organisationId)
	};
}
