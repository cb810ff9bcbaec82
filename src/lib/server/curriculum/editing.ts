/**
 * Coordinators edit their organisation's curriculum in a new version (a draft copied from the newest
 * published one), see which texts lack a translation, and publish it. Groups keep the version they
 * follow until their trainer moves them on; progress carries over (steps are known by module and key).
 */
import { and, asc, desc, eq, isNull, max, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import {
	curriculumModule,
	curriculumStep,
	curriculumVersion,
	groupCourse,
	groupModule,
	type LocalisedText
} from '../db/schema';
import { requireCoordinator, requireGroupTrainer } from '../access';
import { NotFound } from '../errors';
import { renderMarkdown } from './markdown';
import { newestPublishedVersion } from './course';
import type { StepKind } from './parse';

async function versionsOf(db: Db | Tx, organisationId: string) {
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

/** The draft version being edited, if there is one. */
async function draftOf(db: Db | Tx, organisationId: string) {
	const [draft] = await db
		.select({ id: curriculumVersion.id, number: curriculumVersion.number })
		.from(curriculumVersion)
		.where(and(eq(curriculumVersion.organisationId, organisationId), isNull(curriculumVersion.publishedAt)));
	return draft ?? null;
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
	const versions = await versionsOf(db, organisationId);
	const draft = versions.find((version) => !version.publishedAt) ?? null;
	const shown = draft ?? versions[0] ?? null;
	if (!shown) return { versions, draft: null, modules: [], missing: [] };
	const modules = await db
		.select({
			id: curriculumModule.id,
			number: curriculumModule.number,
			title: curriculumModule.title,
			summary: curriculumModule.summary
		})
		.from(curriculumModule)
		.where(eq(curriculumModule.versionId, shown.id))
		.orderBy(asc(curriculumModule.number));
	const steps = await db
		.select({
			moduleId: curriculumStep.moduleId,
			key: curriculumStep.key,
			title: curriculumStep.title,
			body: curriculumStep.body,
			question: curriculumStep.question
		})
		.from(curriculumStep)
		.innerJoin(curriculumModule, eq(curriculumModule.id, curriculumStep.moduleId))
		.where(eq(curriculumModule.versionId, shown.id))
		.orderBy(asc(curriculumModule.number), asc(curriculumStep.position));
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
		for (const step of steps.filter((row) => row.moduleId === module.id)) {
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
			steps: steps
				.filter((row) => row.moduleId === module.id)
				.map((row) => ({ key: row.key, title: row.title[locale] || row.title.nl }))
		})),
		missing
	};
}

/**
 * Starts a new version as a copy of the newest published one; returns its number (or the draft's).
 * NotFound before any version is published.
 */
export async function startDraft(db: Db, actor: Actor): Promise<number> {
	const organisationId = requireCoordinator(actor);
	const made = await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`curriculum:${organisationId}`}))`);
		const existing = await draftOf(tx, organisationId);
		if (existing) return existing.number;
		const source = await newestPublishedVersion(tx, organisationId);
		if (!source) return null;
		const [{ highest } = { highest: 0 }] = await tx
			.select({ highest: max(curriculumVersion.number) })
			.from(curriculumVersion)
			.where(eq(curriculumVersion.organisationId, organisationId));
		const [draft] = await tx
			.insert(curriculumVersion)
			.values({ organisationId, number: (highest ?? 0) + 1, createdByPersonId: actor.personId })
			.returning({ id: curriculumVersion.id, number: curriculumVersion.number });
		await tx.execute(sql`
			with copied as (
				insert into ${curriculumModule} (version_id, number, slug, title, summary)
				select ${draft!.id}, number, slug, title, summary from ${curriculumModule} where version_id = ${source.id}
				returning id, number
			)
			insert into ${curriculumStep} (module_id, key, position, kind, title, body, body_html, question, media_id)
			select copied.id, s.key, s.position, s.kind, s.title, s.body, s.body_html, s.question, s.media_id
			from ${curriculumStep} s
			join ${curriculumModule} m on m.id = s.module_id and m.version_id = ${source.id}
			join copied on copied.number = m.number`);
		return draft!.number;
	});
	if (made === null) throw new NotFound('curriculum_version');
	return made;
}

export interface EditableStep {
	moduleNumber: number;
	moduleTitle: LocalisedText;
	key: string;
	kind: StepKind;
	title: LocalisedText;
	body: LocalisedText;
	question: LocalisedText | null;
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
			question: curriculumStep.question
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

export interface StepTexts {
	title: LocalisedText;
	body: LocalisedText;
	question: LocalisedText | null;
}

/** Saves a step's texts in the draft (Markdown as written, and its safe HTML). */
export async function updateDraftStep(
	db: Db,
	actor: Actor,
	moduleNumber: number,
	key: string,
	texts: StepTexts
): Promise<void> {
	const step = await draftStep(db, actor, moduleNumber, key);
	const draft = (await draftOf(db, requireCoordinator(actor)))!;
	const [module] = await db
		.select({ id: curriculumModule.id })
		.from(curriculumModule)
		.where(and(eq(curriculumModule.versionId, draft.id), eq(curriculumModule.number, moduleNumber)));
	await db
		.update(curriculumStep)
		.set({
			title: texts.title,
			body: texts.body,
			bodyHtml: { nl: renderMarkdown(texts.body.nl), en: renderMarkdown(texts.body.en) },
			question: step.question ? texts.question : null
		})
		.where(and(eq(curriculumStep.moduleId, module!.id), eq(curriculumStep.key, key)));
}

/** Publishes the draft: from now on trainers can move their groups to it. NotFound without a draft. */
export async function publishDraft(db: Db, actor: Actor): Promise<number> {
	const organisationId = requireCoordinator(actor);
	const [published] = await db
		.update(curriculumVersion)
		.set({ publishedAt: new Date() })
		.where(and(eq(curriculumVersion.organisationId, organisationId), isNull(curriculumVersion.publishedAt)))
		.returning({ number: curriculumVersion.number });
	if (!published) throw new NotFound('draft');
	return published.number;
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

/**
 * Moves the group to the newest published version; modules new in it start as "coming". A group already
 * on it stays (a second click changes nothing); NotFound when nothing is published.
 */
export async function moveGroupToNewest(db: Db, actor: Actor, groupId: string): Promise<number> {
	const { newest, current, group } = await groupVersions(db, actor, groupId);
	if (!newest) throw new NotFound('published_version');
	if (current === newest.number) return newest.number;
	await db.transaction(async (tx) => {
		await tx.update(groupCourse).set({ versionId: newest.id }).where(eq(groupCourse.groupId, group.id));
		await tx.execute(sql`
			insert into ${groupModule} (group_id, module_number, state, position)
			select ${group.id}, m.number, 'coming',
				coalesce((select max(position) from ${groupModule} where group_id = ${group.id}), 0) + row_number() over (order by m.number)
			from ${curriculumModule} m where m.version_id = ${newest.id}
			on conflict do nothing`);
	});
	return newest.number;
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

/** Saves a module's title and summary in the draft. */
export async function updateDraftModule(
	db: Db,
	actor: Actor,
	moduleNumber: number,
	texts: { title: LocalisedText; summary: LocalisedText }
): Promise<void> {
	const module = await draftModule(db, actor, moduleNumber);
	await db
		.update(curriculumModule)
		.set({ title: texts.title, summary: texts.summary })
		.where(eq(curriculumModule.id, module.id));
}
