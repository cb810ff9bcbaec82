/**
 * Coordinators edit their organisation's curriculum in a new version; these are the reads: the
 * versions, the draft's modules and steps and which texts lack a translation, and for a trainer the
 * version their group follows. The writes are in ./commands.ts.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../../db/client';
import {
	curriculumModule,
	curriculumStep,
	curriculumVersion,
	groupCourse,
	type LocalisedText
} from '../../db/schema';
import { requireCoordinator, requireGroupTrainer } from '../../access';
import { NotFound } from '../../errors';
import { newestPublishedVersion } from '../course/group-course';
import type { StepKind } from '../parse';
import { versionContent } from '../version-content';
import { draftOf } from './draft';

/** The organisation's versions, newest first (a draft has no publishedAt). */
export async function organisationVersions(db: Db | Tx, organisationId: string) {
	return db
		.select({
			id: curriculumVersion.id,
			number: curriculumVersion.number,
			publishedAt: curriculumVersion.publishedAt
		})
		.from(curriculumVersion)
		.where(eq(curriculumVersion.organisationId, organisationId))
		.orderBy(desc(curriculumVersion.number));
}

export interface MissingTranslation {
	moduleNumber: number;
	stepKey: string | null;
	title: string;
	missing: ('nl' | 'en')[];
}

const isEmpty = (value: string | undefined | null) => !value || value.trim() === '';

function missingIn(texts: (LocalisedText | null)[]): ('nl' | 'en')[] {
	return (['nl', 'en'] as const).filter((lang) => texts.some((text) => text && isEmpty(text[lang])));
}

/**
 * Versions, the draft's modules and steps, and what lacks a translation in the draft (or newest
 * version), for a coordinator (Forbidden to anyone else).
 */
export async function contentOverview(db: Db, actor: Actor, locale: 'nl' | 'en') {
	const organisationId = requireCoordinator(actor);
	const versions = await organisationVersions(db, organisationId);
	const draft = versions.find((version) => !version.publishedAt) ?? null;
	const shown = draft ?? versions[0] ?? null;
	if (!shown) return { versions, draft: null, modules: [], missing: [] };
	const modules = await versionContent(db, shown.id);
	const missing: MissingTranslation[] = [];
	for (const module of modules) {
		const moduleMissing = missingIn([module.title, module.summary]);
		if (moduleMissing.length > 0)
			missing.push({
				moduleNumber: module.number,
				stepKey: null,
				title: module.title[locale] || module.title.nl,
				missing: moduleMissing
			});
		for (const step of module.steps) {
			const stepMissing = missingIn([step.title, step.body, step.question]);
			if (stepMissing.length > 0)
				missing.push({
					moduleNumber: module.number,
					stepKey: step.key,
					title: step.title[locale] || step.title.nl,
					missing: stepMissing
				});
		}
	}
	return {
		versions: versions.map(({ number, publishedAt }) => ({ number, publishedAt })),
		draft: draft ? { number: draft.number } : null,
		shownNumber: shown.number,
		modules: modules.map((module) => ({
			number: module.number,
			title: module.title[locale] || module.title.nl,
			steps: module.steps.map((row) => ({ key: row.key, title: row.title[locale] || row.title.nl }))
		})),
		missing
	};
}

export interface EditableStep {
	moduleNumber: number;
	moduleTitle: LocalisedText;
	key: string;
	kind: StepKind;
	title: LocalisedText;
	body: LocalisedText;
	question: LocalisedText | null;
	/** The video the step shows (one of the organisation's), if any. */
	mediaId: string | null;
	draftNumber: number;
}

/** A step of the draft version, to edit; NotFound when there is no draft or no such step. */
export async function draftStep(
	db: Db,
	actor: Actor,
	moduleNumber: number,
	key: string
): Promise<EditableStep> {
	const draft = await draftOf(db, requireCoordinator(actor));
	if (!draft) throw new NotFound('draft');
	const [row] = await db
		.select({
			moduleTitle: curriculumModule.title,
			kind: curriculumStep.kind,
			title: curriculumStep.title,
			body: curriculumStep.body,
			question: curriculumStep.question,
			mediaId: curriculumStep.mediaId
		})
		.from(curriculumStep)
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.where(
			and(
				eq(curriculumModule.versionId, draft.id),
				eq(curriculumModule.number, moduleNumber),
				eq(curriculumStep.key, key)
			)
		);
	if (!row) throw new NotFound('step');
	return { moduleNumber, key, draftNumber: draft.number, ...row };
}

/** For a trainer of the group: the version it follows and the newest published one. */
export async function groupVersions(db: Db, actor: Actor, groupId: string) {
	const group = await requireGroupTrainer(db, actor, groupId);
	const [current] = await db
		.select({ number: curriculumVersion.number })
		.from(groupCourse)
		.innerJoin(curriculumVersion, eq(curriculumVersion.id, groupCourse.versionId))
		.where(eq(groupCourse.groupId, group.id));
	const newest = await newestPublishedVersion(db, group.organisationId);
	return { current: current?.number ?? null, newest, group };
}

/** A module of the draft version, to edit its title and summary; NotFound without a draft or module. */
export async function draftModule(db: Db, actor: Actor, moduleNumber: number) {
	const draft = await draftOf(db, requireCoordinator(actor));
	if (!draft) throw new NotFound('draft');
	const [row] = await db
		.select({ id: curriculumModule.id, title: curriculumModule.title, summary: curriculumModule.summary })
		.from(curriculumModule)
		.where(and(eq(curriculumModule.versionId, draft.id), eq(curriculumModule.number, moduleNumber)));
	if (!row) throw new NotFound('module');
	return { ...row, number: moduleNumber, draftNumber: draft.number };
}
