// `npm run bench:fhir`: the FHIR bulk export (issue 19) of an organisation with 10,000 participants and
// their measures, each figure beside its target. Starts the built app on a fresh embedded PostgreSQL,
// seeds the organisation with bench/seed-organisation.js (groups, calendars, check-ins, home practice,
// the access log) and adds, inside PostgreSQL: a goal with a step per participant (the check-ins about
// it), attendance (present at most held sessions), the two shipped IMR Scale questionnaires and four
// completed responses per participant (baseline and halfway, participant and clinician). Then, as the
// coordinator over HTTP, it kicks off `GET /api/fhir/$export` (Prefer: respond-async), polls the status
// URL until the manifest is there and downloads every file, and reports:
//   - resources per second while the job writes the files (target ≥ 5,000), and while downloading;
//   - the app's RSS growth during the export: the highest VmRSS sampled every 50 ms, less the RSS after a
//     forced GC before it (target ≤ 50 MB).
//   node bench/fhir.js [--participants 10000]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildIfNeeded } from '../scripts/build-if-needed.js';
import { pause, rssMb, settledRssMb, startApp } from './app.js';
import { embeddedDatabaseUrl, seedOrganisation } from './seed-organisation.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { participants: { type: 'string', default: '10000' } } });
const PARTICIPANTS = Math.max(10, Number(values.participants));
const TARGET = { resourcesPerSecond: 5000, rssGrowthMb: 50 };
const round1 = (/** @type {number} */ x) => Math.round(x * 10) / 10;

/** The shipped IMR Scale questionnaires, as src/lib/domain/measures/imr-scale.ts makes them. */
function shippedQuestionnaires() {
	const code = `import { imrScale, imrScaleUrl, IMR_SCALE_VERSION } from './src/lib/domain/measures/imr-scale.ts';
		console.log(JSON.stringify(['participant', 'clinician'].map((who) => ({ who, url: imrScaleUrl(who), version: IMR_SCALE_VERSION, definition: imrScale(who) }))));`;
	const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['--eval', code], {
		cwd: root,
		encoding: 'utf8'
	});
	if (result.status !== 0) throw new Error(`could not read the IMR Scale: ${result.stderr}`);
	return /** @type {{ who: string, url: string, version: string, definition: any }[]} */ (
		JSON.parse(result.stdout)
	);
}

/**
 * Goals, attendance and measures for every participant of the organisation.
 * @param {pg.ClientBase} client @param {string} organisationId
 */
async function seedRecords(client, organisationId) {
	await client.query('begin');
	await client.query('set local synchronous_commit = off');
	await client.query('set local session_replication_role = replica');
	await client.query(
		`insert into recovery_goal (id, person_id, life_area, text, why, is_current, created_at, updated_at)
		 select gen_random_uuid(), p.id, (array['housing','work','relationships','health','leisure']::life_area[])[1 + abs(hashtext(p.id::text)) % 5],
		        'Mijn doel (synthetisch)', 'Omdat het belangrijk is (synthetisch)', true, p.created_at + interval '14 days', p.created_at + interval '14 days'
		   from person p where p.organisation_id = $1 and p.role = 'participant'`,
		[organisationId]
	);
	await client.query(
		`insert into goal_step (goal_id, person_id, text, target_week)
		 select g.id, g.person_id, 'Een eerste stap (synthetisch)', (g.created_at + interval '28 days')::date
		   from recovery_goal g join person p on p.id = g.person_id where p.organisation_id = $1`,
		[organisationId]
	);
	await client.query(
		`insert into goal_event (goal_id, kind, after, by_person_id, at)
		 select g.id, 'created', g.text, g.person_id, g.created_at
		   from recovery_goal g join person p on p.id = g.person_id where p.organisation_id = $1`,
		[organisationId]
	);
	await client.query(
		`update check_in c set goal_id = g.id from recovery_goal g join person p on p.id = g.person_id
		  where g.person_id = c.person_id and p.organisation_id = $1`,
		[organisationId]
	);
	await client.query(
		`insert into session_attendance (session_id, person_id, status, recorded_at)
		 select s.id, m.person_id, case when abs(hashtext(s.id::text || m.person_id::text)) % 10 < 8 then 'present' else 'absent' end::attendance_status,
		        s.date + time '16:00'
		   from group_member m join course_group g on g.id = m.group_id join group_session s on s.group_id = g.id
		  where g.organisation_id = $1 and s.status = 'planned' and s.date < current_date`,
		[organisationId]
	);
	for (const q of shippedQuestionnaires()) {
		const {
			rows: [row]
		} = await client.query(
			`insert into questionnaire (purpose, url, version, title, definition) values ($1, $2, $3, $4, $5) returning id`,
			[`imr_${q.who}`, q.url, q.version, q.definition.title, q.definition]
		);
		// Every item answered: option (n + item) mod count, the same pattern per participant.
		const items = q.definition.item.filter((/** @type {any} */ item) => item.answerOption?.length);
		for (const moment of [0, 6])
			await client.query(
				`insert into questionnaire_response (organisation_id, questionnaire_id, purpose, subject_id, author_id, group_id, moment,
				   status, answers, completed_at, mean, factors)
				 select $1, $2, $3, m.person_id, case when $3 = 'imr_participant' then m.person_id end, m.group_id, $4::smallint, 'completed',
				        (select jsonb_object_agg(item.link_id, (1 + (abs(hashtext(m.person_id::text)) + item.n) % item.options)::text)
				           from unnest($5::text[], $6::int[]) with ordinality as item(link_id, options, n)),
				        g.start_date + make_interval(months => $4::int) + interval '10 hours', 3.2, '{"coping":3.1,"knowledge_goals":3.4,"medication_substances":3.0}'::jsonb
				   from group_member m join course_group g on g.id = m.group_id where g.organisation_id = $1`,
				[
					organisationId,
					row.id,
					`imr_${q.who}`,
					moment,
					items.map((/** @type {any} */ item) => item.linkId),
					items.map((/** @type {any} */ item) => item.answerOption.length)
				]
			);
	}
	await client.query('commit');
	await client.query('analyze');
}

async function main() {
	if (!buildIfNeeded()) throw new Error('The build failed.');
	const app = await startApp('fhir', { DEMO: 'off' });
	const client = new pg.Client({ connectionString: embeddedDatabaseUrl(app.dataDir) });
	await client.connect();
	try {
		let started = performance.now();
		const seeded = await seedOrganisation(client, { participants: PARTICIPANTS, slug: 'fhir-bench' });
		await seedRecords(client, seeded.organisationId);
		console.log(
			`Seeded ${PARTICIPANTS} participants with their records in ${round1((performance.now() - started) / 1000)} s`
		);
		const cookie = `herstelpad=${seeded.coordinatorCookie}`;

		const before = await settledRssMb(app);
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, rssMb(app))), 50);
		started = performance.now();
		const kickOff = await fetch(`${app.url}/api/fhir/$export`, {
			headers: { cookie, prefer: 'respond-async' }
		});
		if (kickOff.status !== 202)
			throw new Error(`kick-off answered ${kickOff.status}: ${await kickOff.text()}`);
		const status = /** @type {string} */ (kickOff.headers.get('content-location'));
		/** @type {{ output: { type: string, url: string, count: number }[] }} */
		let manifest;
		for (;;) {
			const response = await fetch(status, { headers: { cookie } });
			if (response.status === 200) {
				manifest = await response.json();
				break;
			}
			if (response.status !== 202)
				throw new Error(`status answered ${response.status}: ${await response.text()}`);
			await pause(200);
		}
		const writeSeconds = (performance.now() - started) / 1000;
		const jobPeak = peak;
		const total = manifest.output.reduce((sum, file) => sum + file.count, 0);

		started = performance.now();
		let downloaded = 0;
		for (const file of manifest.output) {
			const response = await fetch(file.url, { headers: { cookie } });
			if (!response.body) throw new Error(`no body for ${file.type}`);
			for await (const chunk of response.body) for (const byte of chunk) if (byte === 10) downloaded++;
		}
		const downloadSeconds = (performance.now() - started) / 1000;
		clearInterval(sampler);
		const growth = peak - before;
		const after = await settledRssMb(app);

		const rate = total / writeSeconds;
		console.log(
			`\nFHIR bulk export, ${PARTICIPANTS} participants (${os.cpus().length} cores, Node ${process.version})\n`
		);
		console.log('| type | resources |\n|---|---:|');
		for (const file of manifest.output) console.log(`| ${file.type} | ${file.count.toLocaleString('en')} |`);
		console.log(`| **all** | **${total.toLocaleString('en')}** |\n`);
		console.log('| figure | value | target |\n|---|---:|---|');
		console.log(`| export job (kick-off → manifest) | ${round1(writeSeconds)} s | |`);
		console.log(
			`| resources/s written | ${Math.round(rate).toLocaleString('en')} | ≥ ${TARGET.resourcesPerSecond.toLocaleString('en')} ${rate >= TARGET.resourcesPerSecond ? '✓' : '✗'} |`
		);
		console.log(
			`| download of all files | ${round1(downloadSeconds)} s, ${Math.round(downloaded / downloadSeconds).toLocaleString('en')} resources/s | |`
		);
		console.log(
			`| app RSS: before (after GC) → peak while the job writes → peak while downloading → after (after GC) | ${round1(before)} → ${round1(jobPeak)} → ${round1(peak)} → ${round1(after)} MB | |`
		);
		console.log(
			`| RSS growth during export and download | ${round1(growth)} MB | ≤ ${TARGET.rssGrowthMb} MB ${growth <= TARGET.rssGrowthMb ? '✓' : '✗'} |`
		);
		if (downloaded !== total) throw new Error(`downloaded ${downloaded} lines, the manifest says ${total}`);
	} finally {
		await client.end();
		app.child.kill('SIGTERM');
		await new Promise((resolve) => app.child.once('exit', resolve));
		fs.rmSync(app.dataDir, { recursive: true, force: true });
	}
}

await main();
