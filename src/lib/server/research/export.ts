/**
 * The pseudonymised research export (issue 20, item 8): a zip with one CSV per table and a codebook,
 * for one study, made by a researcher of the organisation. Only participants whose consent for
 * research is given at the moment of the export are in it, so a withdrawal leaves the person out of
 * every export made after it. Each person and group appears as a keyed hash under the study's key
 * (./pseudonym.ts); there are no names, contact details, free text, exact dates or ids: times are
 * course weeks counted from the group's start. With fewer than MIN_PARTICIPANTS consenting
 * participants no export is made. Participants are read in keyset pages of EXPORT_PAGE_SIZE ids,
 * each page's rows read with one array parameter; each page writes one access-log row naming its
 * participants (research.export, action E), in the export's transaction.
 */
import { sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import type { Actor } from '$lib/domain/policy';
import { requireExportableStudy } from '../access';
import { csvField } from '../audit/csv';
import { record } from '../audit/record';
import { open } from '../auth/secret-box';
import type { Db, Tx } from '../db/client';
import { Conflict } from '../errors';
import { codebookCsv, columnsOf } from './codebook';
import { pseudonym } from './pseudonym';
import { consentingCount, MIN_PARTICIPANTS } from './studies';

export const EXPORT_PAGE_SIZE = 500;

export const researchFiles = [
	'participants.csv',
	'check_ins.csv',
	'goals.csv',
	'module_progress.csv',
	'measures.csv',
	'attendance.csv'
] as const;
type ResearchFile = (typeof researchFiles)[number];

type Value = string | number | null;

/** One CSV being written: its header from the codebook, then rows. */
class CsvFile {
	readonly lines: string[];
	constructor(file: ResearchFile) {
		this.lines = [columnsOf(file).join(',')];
	}
	add(values: Value[]): void {
		this.lines.push(values.map(csvField).join(','));
	}
	text(): string {
		return this.lines.join('\r\n') + '\r\n';
	}
}

/** A uuid[] as one text parameter (never one parameter per person). */
const uuidArray = (ids: string[]) => sql`${'{' + ids.join(',') + '}'}::uuid[]`;

/** One keyset page of consenting participants of the organisation, after `after`. */
async function consentingPage(tx: Tx, organisationId: string, after: string | null): Promise<string[]> {
	const result = await tx.execute<{ id: string }>(sql`
		select p.id from person p
		join consent c on c.person_id = p.id and c.purpose = 'research' and c.given
		where p.organisation_id = ${organisationId} and p.role = 'participant'
			${after ? sql`and p.id > ${after}::uuid` : sql``}
		order by p.id
		limit ${EXPORT_PAGE_SIZE}`);
	return result.rows.map((row) => row.id);
}

/** Writes the rows of one page of participants into the files. */
async function writePage(
	tx: Tx,
	organisationId: string,
	ids: string[],
	key: Buffer,
	files: Record<ResearchFile, CsvFile>
): Promise<void> {
	const ps = (id: string) => pseudonym(key, id);
	const members = await tx.execute<{ person_id: string; group_id: string; start_week: number }>(sql`
		select distinct on (gm.person_id) gm.person_id, gm.group_id,
			floor(((gm.joined_at at time zone 'Europe/Amsterdam')::date - g.start_date) / 7.0)::int as start_week
		from group_member gm join course_group g on g.id = gm.group_id
		where gm.person_id = any(${uuidArray(ids)}) and g.organisation_id = ${organisationId}
		order by gm.person_id, gm.joined_at desc`);
	const memberOf = new Map(members.rows.map((row) => [row.person_id, row]));
	for (const id of ids) {
		const member = memberOf.get(id);
		files['participants.csv'].add([
			ps(id),
			member ? pseudonym(key, member.group_id, 'group') : null,
			member ? member.start_week : null
		]);
	}

	const checkIns = await tx.execute<{
		person_id: string;
		week: number;
		worked: string;
		closeness: number;
	}>(sql`
		select ci.person_id, floor((ci.week_start - g.start_date) / 7.0)::int as week, ci.worked, ci.closeness
		from check_in ci join course_group g on g.id = ci.group_id
		where ci.person_id = any(${uuidArray(ids)}) and g.organisation_id = ${organisationId}
		order by ci.person_id, ci.week_start`);
	for (const row of checkIns.rows)
		files['check_ins.csv'].add([ps(row.person_id), row.week, row.worked, row.closeness]);

	const goals = await tx.execute<{
		person_id: string;
		life_area: string;
		status: string;
		weeks: number | null;
	}>(sql`
		select person_id, life_area, status,
			case when status <> 'active' and closed_at is not null
				then floor(extract(epoch from closed_at - created_at) / 604800)::int end as weeks
		from recovery_goal where person_id = any(${uuidArray(ids)})
		order by person_id, created_at`);
	for (const row of goals.rows)
		files['goals.csv'].add([ps(row.person_id), row.life_area, row.status, row.weeks]);

	const modules = await tx.execute<{ person_id: string; module_number: number; steps_done: number }>(sql`
		select person_id, module_number, count(done_at)::int as steps_done
		from step_progress where person_id = any(${uuidArray(ids)})
		group by person_id, module_number
		order by person_id, module_number`);
	for (const row of modules.rows)
		files['module_progress.csv'].add([ps(row.person_id), row.module_number, row.steps_done]);

	const measures = await tx.execute<{
		subject_id: string;
		moment: number;
		purpose: string;
		mean: string | null;
		factors: Record<string, number | null> | null;
	}>(sql`
		select subject_id, moment, purpose, mean, factors
		from questionnaire_response
		where subject_id = any(${uuidArray(ids)}) and organisation_id = ${organisationId} and status = 'completed'
		order by subject_id, moment, purpose`);
	for (const row of measures.rows) {
		const who = ps(row.subject_id);
		files['measures.csv'].add([
			who,
			row.moment,
			row.purpose,
			'total',
			row.mean === null ? null : Number(row.mean)
		]);
		for (const [factor, score] of Object.entries(row.factors ?? {}).sort(([a], [b]) => a.localeCompare(b)))
			files['measures.csv'].add([who, row.moment, row.purpose, factor, score]);
	}

	const attendance = await tx.execute<{ person_id: string; week: number; status: string }>(sql`
		select sa.person_id, floor((gs.date - g.start_date) / 7.0)::int as week, sa.status
		from session_attendance sa
		join group_session gs on gs.id = sa.session_id
		join course_group g on g.id = gs.group_id
		where sa.person_id = any(${uuidArray(ids)}) and g.organisation_id = ${organisationId}
		order by sa.person_id, gs.date`);
	for (const row of attendance.rows) files['attendance.csv'].add([ps(row.person_id), row.week, row.status]);
}

/**
 * The export of one study as a zip (Conflict 'research_too_few' when fewer than MIN_PARTICIPANTS
 * participants consent, logged as a failed export).
 */
export async function researchExport(
	db: Db,
	actor: Actor,
	studyId: string,
	appSecret: string
): Promise<{ zip: Uint8Array; fileName: string }> {
	const study = await requireExportableStudy(db, actor, studyId);
	const key = Buffer.from(open(study.keySealed, appSecret), 'base64url');
	const files = Object.fromEntries(researchFiles.map((file) => [file, new CsvFile(file)])) as Record<
		ResearchFile,
		CsvFile
	>;
	const made = await db.transaction(
		async (tx) => {
			if ((await consentingCount(tx, study.organisationId)) < MIN_PARTICIPANTS) return false;
			let after: string | null = null;
			for (;;) {
				const ids = await consentingPage(tx, study.organisationId, after);
				if (ids.length === 0) break;
				await writePage(tx, study.organisationId, ids, key, files);
				await record(tx, {
					eventType: 'research.export',
					action: 'E',
					actor,
					participantIds: ids,
					object: { type: 'research_study', id: study.id }
				});
				if (ids.length < EXPORT_PAGE_SIZE) break;
				after = ids[ids.length - 1] ?? null;
			}
			return true;
		},
		// One snapshot for every page: a consent changed meanwhile is in or out of all files alike.
		{ isolationLevel: 'repeatable read' }
	);
	if (!made) {
		await record(db, {
			eventType: 'research.export',
			action: 'E',
			outcome: 'failure',
			actor,
			object: { type: 'research_study', id: study.id }
		});
		throw new Conflict('research_too_few');
	}
	const entries: Record<string, Uint8Array> = { 'codebook.csv': strToU8(codebookCsv()) };
	for (const file of researchFiles) entries[file] = strToU8(files[file].text());
	return {
		zip: zipSync(entries, { level: 6 }),
		fileName: `onderzoek-${new Date().toISOString().slice(0, 10)}.zip`
	};
}
