/**
 * The own-data export (issue 20) of a participant with a year of data: 52 check-ins, a goal with 12
 * steps and their history, 11 modules' steps seen and done, 150 messages, 12 help requests and 3,000
 * access-log rows about them, in a curriculum of 11 modules. Target: the download ready in ≤ 3 s (the
 * job's work plus taking the file). The figure goes into BENCHMARKS.md by hand, with this command:
 * `npm run bench:privacy`.
 */
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { expect, it } from 'vitest';
import { createTestDatabase } from '../tests/helpers/db';
import {
	buildCheckIn,
	buildCurriculum,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson
} from '../tests/helpers/builders';
import { record } from '../src/lib/server/audit/record';
import { goalStep, helpRequest, message, stepProgress } from '../src/lib/server/db/schema';
import {
	createDataExportQueue,
	ownExportState,
	requestOwnExport,
	runDataExport,
	takeOwnExport
} from '../src/lib/server/privacy/export';

const TARGET_MS = 3000;

it('prepares a year of one participant’s data within the target', async () => {
	const database = await createTestDatabase();
	const db = database.db;
	await createDataExportQueue(database.pool);
	const org = await buildOrganisation(db);
	const trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara' });
	const anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	const group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] });
	const curriculum = await buildCurriculum(db, {
		organisationId: org.id,
		modules: 11,
		stepsPerModule: 8,
		groups: [group.id]
	});
	const goal = await buildGoal(db, { participant: anna, text: 'Elke dag een stukje wandelen' });
	for (let step = 0; step < 12; step++)
		await db.insert(goalStep).values({
			goalId: goal.goalId,
			personId: anna.personId,
			text: `Stap ${step + 1}: tien minuten extra`,
			status: step < 10 ? 'done' : 'open'
		});
	const start = new Date('2025-12-02T00:00:00Z');
	for (let week = 0; week < 52; week++) {
		const day = new Date(start.getTime() + week * 7 * 86_400_000).toISOString().slice(0, 10);
		await buildCheckIn(db, {
			participant: anna,
			groupId: group.id,
			weekStart: day,
			closeness: 1 + (week % 5),
			bringUp: `Week ${week}: wat ging goed`
		});
	}
	await db.insert(stepProgress).values(
		curriculum.modules.flatMap((module) =>
			module.stepKeys.map((stepKey) => ({
				personId: anna.personId,
				moduleNumber: module.number,
				stepKey,
				doneAt: new Date()
			}))
		)
	);
	await db.insert(message).values(
		Array.from({ length: 150 }, (_, index) => ({
			personId: anna.personId,
			groupId: group.id,
			authorPersonId: index % 2 === 0 ? anna.personId : trainer.personId,
			body: `Bericht ${index}: hoe gaat het met je doel deze week?`
		}))
	);
	await db.insert(helpRequest).values(
		Array.from({ length: 12 }, () => ({
			personId: anna.personId,
			groupId: group.id,
			fromPath: '/check-in',
			closedAt: new Date()
		}))
	);
	for (let row = 0; row < 3000; row++)
		await record(db, {
			eventType: row % 3 === 0 ? 'check_in.read' : 'goal.read',
			action: 'R',
			actor: trainer,
			participantId: anna.personId,
			object: { type: 'goal', id: goal.goalId }
		});
	const [{ rows }] = [await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_event`)];
	const began = performance.now();
	const started = await requestOwnExport(db, anna, 'nl');
	await runDataExport(db, (started as { id: string }).id);
	const state = await ownExportState(db, anna);
	expect(state.kind).toBe('ready');
	const zip = await takeOwnExport(db, anna, (state as { id: string }).id);
	const elapsed = performance.now() - began;
	const files = unzipSync(zip);
	console.log(
		`own-data export: ${Math.round(elapsed)} ms (target ≤ ${TARGET_MS} ms), zip ${Math.round(zip.length / 1024)} KB, ` +
			`${Object.keys(files).length} files, access log of the database ${rows[0]?.n} rows`
	);
	expect(elapsed).toBeGreaterThan(0);
});
