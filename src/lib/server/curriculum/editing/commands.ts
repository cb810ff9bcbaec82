/**
 * Coordinators edit their organisation's curriculum in a new version (a draft copied from the newest
 * published one) and publish it. Groups keep the version they follow until their trainer moves them
 * on; progress carries over (steps are known by module and key).
 */
import { and, eq, isNull, max, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../../db/client';
import {
	curriculumModule,
	curriculumStep,
	curriculumVersion,
	groupCourse,
	groupModule,
	media,
	type LocalisedText
} from '../../db/schema';
import { requireCoordinator, requireOrganisationMedia } from '../../access';
import { NotFound } from '../../errors';
import { renderMarkdown } from '../markdown';
import { newestPublishedVersion } from '../course/group-course';
import { curriculumLock, draftOf } from './draft';
import { draftStep, groupVersions, draftModule } from './queries';

/**
 * Starts a new version as a copy of the newest published one; returns its number (or the draft's).
 * NotFound before any version is published.
 */
export async function startDraft(db: Db, actor: Actor): Promise<number> {
	const organisationId = requireCoordinator(actor);
	const made = await db.transaction(async (tx) => {
		await curriculumLock(tx, organisationId);
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
	const published = await db.transaction(async (tx) => {
		// Not while a video of the draft is being removed (media/commands.ts).
		await curriculumLock(tx, organisationId);
		const [row] = await tx
			.update(curriculumVersion)
			.set({ publishedAt: new Date() })
			.where(and(eq(curriculumVersion.organisationId, organisationId), isNull(curriculumVersion.publishedAt)))
			.returning({ number: curriculumVersion.number });
		return row;
	});
	if (!published) throw new NotFound('draft');
	return published.number;
}

/**
 * Shows one of the organisation's videos in a step of the draft (its captions and transcript come
 * with it), or none (`mediaId` null). NotFound without a draft or step, or for another
 * organisation's video (with the refusal in the access log).
 */
export async function setDraftStepVideo(
	db: Db,
	actor: Actor,
	moduleNumber: number,
	key: string,
	mediaId: string | null
): Promise<void> {
	const organisationId = requireCoordinator(actor);
	await draftStep(db, actor, moduleNumber, key);
	const video = mediaId ? await requireOrganisationMedia(db, actor, mediaId, 'U') : null;
	await db.transaction(async (tx) => {
		// Not while the video is being removed: it is either gone first (not found) or kept.
		await curriculumLock(tx, organisationId);
		const draft = await draftOf(tx, organisationId);
		if (!draft) throw new NotFound('draft');
		if (video) {
			const [still] = await tx.select({ id: media.id }).from(media).where(eq(media.id, video.id));
			if (!still) throw new NotFound('media');
		}
		await tx
			.update(curriculumStep)
			.set({ mediaId: video?.id ?? null })
			.where(
				and(
					eq(curriculumStep.key, key),
					sql`${curriculumStep.moduleId} = (select id from ${curriculumModule}
						where version_id = ${draft.id} and number = ${moduleNumber})`
				)
			);
	});
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
