/**
 * Coordinators read their organisation's curriculum versions: one version, a module at a time, as
 * participants would read it; and what changed between two versions, a page of changes at a time.
 * Nothing here is a participant's data.
 */
import type { Actor } from '$lib/domain/policy';
import { compareVersions, type ComparedModule } from '$lib/domain/version-diff';
import type { Db } from '../../db/client';
import { requireCoordinator } from '../../access';
import { NotFound } from '../../errors';
import { stepVideo } from '../../media/queries';
import { localised, type Locale } from '../course/localised';
import { organisationVersions } from '../editing/queries';
import { versionContent } from '../version-content';

/** Changes shown per page of a comparison. */
export const CHANGES_PER_PAGE = 10;

type Version = Awaited<ReturnType<typeof organisationVersions>>[number];

function versionNumbered(versions: Version[], number: number): Version {
	const found = versions.find((version) => version.number === number);
	if (!found) throw new NotFound('curriculum_version');
	return found;
}

const versionSummary = (version: Version) => ({ number: version.number, publishedAt: version.publishedAt });

/**
 * One version of the coordinator's organisation, read-only, one module at a time (the first when
 * none is asked): its modules to choose from, and the module's steps as participants see them.
 * NotFound for a version or module the organisation does not have; Forbidden to anyone but a coordinator.
 */
export async function curriculumVersionView(
	db: Db,
	actor: Actor,
	number: number,
	moduleNumber: number | null,
	locale: Locale
) {
	const versions = await organisationVersions(db, requireCoordinator(actor));
	const version = versionNumbered(versions, number);
	const modules = await versionContent(db, version.id);
	const module = moduleNumber === null ? modules[0] : modules.find((row) => row.number === moduleNumber);
	if (!module) throw new NotFound('module');
	return {
		version: versionSummary(version),
		versions: versions.map(versionSummary),
		modules: modules.map((row) => ({ number: row.number, title: localised(row.title, locale) })),
		module: {
			number: module.number,
			title: localised(module.title, locale),
			summary: localised(module.summary, locale),
			steps: module.steps.map((step) => ({
				key: step.key,
				kind: step.kind,
				title: localised(step.title, locale),
				bodyHtml: localised(step.bodyHtml, locale),
				question: step.question ? localised(step.question, locale) : null,
				video: stepVideo(step, locale)
			}))
		}
	};
}

/** A version's content as the comparison reads it: Markdown as written, the video by its title. */
function compared(content: Awaited<ReturnType<typeof versionContent>>, locale: Locale): ComparedModule[] {
	return content.map((module) => ({
		number: module.number,
		title: module.title,
		summary: module.summary,
		steps: module.steps.map((step) => ({
			key: step.key,
			kind: step.kind,
			title: step.title,
			body: step.body,
			question: step.question,
			video: step.mediaTitle ? localised(step.mediaTitle, locale) : null
		}))
	}));
}

/**
 * What changed from version `from` to version `to` of the coordinator's organisation (without them:
 * from the version before the newest to the newest), a page of CHANGES_PER_PAGE at a time (a page
 * past the last shows the last). NotFound for a version the organisation does not have; Forbidden to
 * anyone but a coordinator.
 */
export async function curriculumComparison(
	db: Db,
	actor: Actor,
	from: number | null,
	to: number | null,
	page: number,
	locale: Locale
) {
	const versions = await organisationVersions(db, requireCoordinator(actor));
	if (versions.length === 0) throw new NotFound('curriculum_version');
	const after = to === null ? versions[0]! : versionNumbered(versions, to);
	const before =
		from === null
			? (versions.find((version) => version.number < after.number) ?? after)
			: versionNumbered(versions, from);
	const changes = compareVersions(
		compared(await versionContent(db, before.id), locale),
		compared(await versionContent(db, after.id), locale)
	);
	const pages = Math.max(1, Math.ceil(changes.length / CHANGES_PER_PAGE));
	const shown = Math.min(Math.max(1, page), pages);
	return {
		from: versionSummary(before),
		to: versionSummary(after),
		versions: versions.map(versionSummary),
		total: changes.length,
		page: shown,
		pages,
		changes: changes.slice((shown - 1) * CHANGES_PER_PAGE, shown * CHANGES_PER_PAGE)
	};
}
