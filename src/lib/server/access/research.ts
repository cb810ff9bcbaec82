/**
 * Access to the research export (issue 20, item 8). The organisation's coordinator creates studies
 * and sees their list; its researchers see the list and export, one study at a time. Coordinators do
 * not export: the issue gives the data to researchers, and the coordinator needs none of it (data
 * minimisation). Another organisation's study looks like no study (NotFound), with the refusal logged.
 */
import { and, eq } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canExportPseudonymised, canSeeStudies, type Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { researchStudy } from '../db/schema';
import { Forbidden, NotFound } from '../errors';
import { recordRefusal } from './refusal';

/** The organisation whose studies the actor sees (coordinator or researcher); Forbidden otherwise. */
export function requireStudyReader(actor: Actor): string {
	if (actor.organisationId && canSeeStudies(actor, actor.organisationId)) return actor.organisationId;
	throw new Forbidden('research_only');
}

/** The study the actor may export (a researcher of its organisation), with its sealed key. */
export async function requireExportableStudy(
	db: Db | Tx,
	actor: Actor,
	studyId: string
): Promise<{ id: string; organisationId: string; name: string; keySealed: string }> {
	if (!actor.organisationId || !canExportPseudonymised(actor, actor.organisationId)) {
		await recordRefusal(db, actor, { type: 'research_study', id: studyId }, 'E');
		throw new Forbidden('researcher_only');
	}
	const [study] = isUuid(studyId)
		? await db
				.select({
					id: researchStudy.id,
					organisationId: researchStudy.organisationId,
					name: researchStudy.name,
					keySealed: researchStudy.keySealed
				})
				.from(researchStudy)
				.where(and(eq(researchStudy.id, studyId), eq(researchStudy.organisationId, actor.organisationId)))
				.limit(1)
		: [];
	if (!study) {
		await recordRefusal(db, actor, { type: 'research_study', id: studyId }, 'E');
		throw new NotFound('research_study');
	}
	return study;
}
