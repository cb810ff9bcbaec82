/**
 * The FHIR R4 export (issue 19, items 7 and 8): a participant with a year of data (goals and steps,
 * weekly check-ins, attendance, home practice, two IMR Scale moments by participant and trainer)
 * exported as one Bundle and as the organisation's bulk NDJSON files, every resource validated by
 * Medplum's validator (all types, AuditEvent too) with every reference resolving; who may export
 * (a trainer of the group now or the coordinator; not another group's trainer, not another
 * organisation), the access-log rows of each export and download, `_since`, and the pg-boss job.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Bundle, FhirResource } from 'fhir/r4';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { imrScale, imrScaleUrl, IMR_SCALE_VERSION } from '$lib/domain/measures/imr-scale';
import { readQuestionnaire, scoreResponse } from '$lib/domain/measures/questionnaire';
import type { Actor } from '$lib/domain/policy';
import {
	buildCheckIn,
	buildCurriculum,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson,
	buildSession
} from '../../../../tests/helpers/builders';
import { createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import type { Database, Db } from '../db/client';
import {
	auditEvent,
	fhirExport,
	goalEvent,
	goalStep,
	homePractice,
	homePracticeAnswer,
	questionnaire,
	questionnaireResponse,
	recoveryGoal
} from '../db/schema';
import { Forbidden, NotFound } from '../errors';
import { exportFilePath, runBulkExport, BULK_TYPES } from './bulk';
import { bulkExportOf, createFhirExportQueue, manifestOf, openExportFile, startBulkExport } from './exports';
import { patientPseudonym } from './ids';
import { participantBundle } from './participant';
import { describeProblems, fhirProblems, unresolvedReferences } from './validator';
import { startFhirExportWorker } from './worker';

let database: Database;
let db: Db;
let trainer: Actor;
let coordinator: Actor;
let anna: Actor;
let otherTrainer: Actor;
let strangerCoordinator: Actor;
let group: { id: string };
let sessions: { id: string; date: string }[];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-fhir-'));
const options = { secret: TEST_SECRET, locale: 'nl' as const, publicBaseUrl: 'https://herstelpad.example' };

/** The date `weeks` weeks after the group's first session (Tuesday 1 September 2026). */
const week = (weeks: number) =>
	new Date(Date.UTC(2026, 8, 1) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);

async function shippedQuestionnaire(who: 'participant' | 'clinician') {
	const definition = imrScale(who);
	await db
		.insert(questionnaire)
		.values({
			purpose: `imr_${who}`,
			url: imrScaleUrl(who),
			version: IMR_SCALE_VERSION,
			title: definition.title,
			definition
		})
		.onConflictDoNothing();
	const [row] = await db
		.select()
		.from(questionnaire)
		.where(and(eq(questionnaire.url, imrScaleUrl(who)), eq(questionnaire.version, IMR_SCALE_VERSION)));
	return row!;
}

/** A completed response at `moment` with every item answered by option `pick(item index)`. */
async function buildResponse(props: {
	who: 'participant' | 'clinician';
	author: Actor;
	moment: number;
	pick: (index: number) => number;
	completed?: boolean;
}) {
	const row = await shippedQuestionnaire(props.who);
	const parsed = readQuestionnaire(row.definition);
	if (!parsed.ok) throw new Error('shipped questionnaire does not read');
	const answers: Record<string, string> = {};
	parsed.questionnaire.items.forEach((item, index) => {
		const option = item.options[Math.min(props.pick(index), item.options.length - 1)];
		if (option) answers[item.linkId] = option.code;
	});
	const score = scoreResponse(parsed.questionnaire, answers);
	const completed = props.completed ?? true;
	await db.insert(questionnaireResponse).values({
		organisationId: anna.organisationId!,
		questionnaireId: row.id,
		purpose: `imr_${props.who}`,
		subjectId: anna.personId,
		authorId: props.author.personId,
		groupId: group.id,
		moment: props.moment,
		status: completed ? 'completed' : 'in_progress',
		answers,
		completedAt: completed ? new Date() : null,
		mean: completed ? score.mean : null,
		factors: completed
			? Object.fromEntries(Object.entries(score.factors).map(([code, factor]) => [code, factor.mean]))
			: null
	});
}

/** Every problem Medplum finds in the resources, as "Type/id at path: message" lines. */
function problemsOf(resources: object[]): string[] {
	return resources.flatMap((resource) =>
		describeProblems(resource as { resourceType: string; id: string }, fhirProblems(resource))
	);
}

const typeIds = (resources: FhirResource[]) => new Set(resources.map((r) => `${r.resourceType}/${r.id}`));

beforeAll(async () => {
	database = await createTestDatabase();
	db = database.db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara Traint' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna Fhirsma' });
	const bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram Bulk' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] });
	await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer], participants: [] });
	const stranger = await buildOrganisation(db);
	strangerCoordinator = await buildPerson(db, { organisationId: stranger.id, role: 'coordinator' });
	await buildCurriculum(db, { organisationId: org.id, modules: 3, stepsPerModule: 2, groups: [group.id] });

	// A year of weekly sessions: Anna was there most weeks, excused every fifth.
	sessions = [];
	for (let index = 0; index < 50; index++) {
		const date = week(index);
		const status = index % 5 === 4 ? ('excused' as const) : ('present' as const);
		const session = await buildSession(db, {
			groupId: group.id,
			date,
			moduleNumber: (index % 3) + 1,
			attendance: [
				{ participant: anna, status, recordedBy: trainer },
				{ participant: bram, status: 'present', recordedBy: trainer }
			]
		});
		sessions.push({ id: session.id, date });
	}
	// Home practice at ten sessions; Anna answered the first six.
	for (let index = 0; index < 10; index++) {
		const [practice] = await db
			.insert(homePractice)
			.values({
				groupId: group.id,
				sessionId: sessions[index * 4]!.id,
				moduleNumber: 1,
				text: { nl: `Oefen thuis ${index}`, en: `Practise at home ${index}` },
				createdByPersonId: trainer.personId
			})
			.returning();
		if (index < 6)
			await db
				.insert(homePracticeAnswer)
				.values({ practiceId: practice!.id, personId: anna.personId, answer: 'Gedaan' });
	}
	// A reached goal with its history, and the current goal with steps, written partly by the trainer.
	const reached = await buildGoal(db, { participant: anna, text: 'Elke dag wandelen', isCurrent: false });
	await db
		.update(recoveryGoal)
		.set({ status: 'reached', closedAt: new Date() })
		.where(eq(recoveryGoal.id, reached.goalId));
	await db.insert(goalEvent).values([
		{
			goalId: reached.goalId,
			kind: 'changed',
			before: 'Wandelen',
			after: 'Elke dag wandelen',
			reason: 'Concreter'
		},
		{ goalId: reached.goalId, kind: 'reached', byPersonId: anna.personId }
	]);
	const current = await buildGoal(db, {
		participant: anna,
		text: 'Een baan als kok',
		why: 'Ik kook graag voor anderen',
		lifeArea: 'work',
		step: 'Vacatures lezen',
		targetWeek: week(51),
		createdBy: trainer
	});
	await db.insert(goalStep).values({
		goalId: current.goalId,
		personId: anna.personId,
		text: 'Cv maken',
		status: 'done',
		closedAt: new Date()
	});
	for (let index = 0; index < 50; index++)
		await buildCheckIn(db, {
			participant: anna,
			groupId: group.id,
			weekStart: week(index),
			worked: (['yes', 'a_bit', 'not_yet'] as const)[index % 3],
			closeness: (index % 5) + 1,
			goalId: current.goalId,
			stepId: current.stepId
		});
	// Baseline and halfway, by Anna and by her trainer; the end moment is still being filled in.
	await buildResponse({ who: 'participant', author: anna, moment: 0, pick: (i) => i % 5 });
	await buildResponse({ who: 'clinician', author: trainer, moment: 0, pick: (i) => (i + 1) % 5 });
	await buildResponse({ who: 'participant', author: anna, moment: 6, pick: () => 3 });
	await buildResponse({ who: 'clinician', author: trainer, moment: 6, pick: () => 2 });
	await buildResponse({ who: 'participant', author: anna, moment: 12, pick: () => 4, completed: false });
	await createFhirExportQueue(database.pool);
});

describe('the shipped IMR Scale', () => {
	it.each(['participant', 'clinician'] as const)('validates as an R4 Questionnaire (%s)', (who) => {
		const definition = imrScale(who);
		expect(problemsOf([definition])).toEqual([]);
	});
});

describe("one participant's record as a Bundle", () => {
	let bundle: Bundle;
	beforeAll(async () => {
		bundle = await participantBundle(db, trainer, anna.personId, { ...options, groupId: group.id });
	});

	it('validates, the bundle and every resource in it, and every reference resolves', () => {
		const resources = bundle.entry!.map((entry) => entry.resource as FhirResource);
		expect(problemsOf([bundle, ...resources])).toEqual([]);
		expect(unresolvedReferences(resources, typeIds(resources))).toEqual([]);
	});

	it('holds the year: a pseudonymous Patient, goals, responses with their questionnaires, the care plan, the sessions', () => {
		const resources = bundle.entry!.map((entry) => entry.resource as FhirResource);
		const of = (type: string) => resources.filter((resource) => resource.resourceType === type);
		expect(of('Patient')).toEqual([
			expect.objectContaining({ id: patientPseudonym(TEST_SECRET, anna.personId) })
		]);
		expect(of('Goal')).toHaveLength(2);
		expect(of('QuestionnaireResponse')).toHaveLength(5);
		expect(of('Questionnaire')).toHaveLength(2);
		expect(of('CarePlan')).toHaveLength(1);
		expect(of('Encounter')).toHaveLength(40);
		const goal = of('Goal').find((one) => one.resourceType === 'Goal' && one.lifecycleStatus === 'active');
		expect(goal).toMatchObject({
			description: { text: 'Een baan als kok' },
			achievementStatus: { coding: [{ code: expect.any(String) }] },
			target: [{ dueDate: week(51) }],
			expressedBy: { display: 'trainer' }
		});
		expect(goal?.resourceType === 'Goal' && goal.note?.length).toBeGreaterThan(50);
		const responses = of('QuestionnaireResponse');
		for (const response of responses)
			if (response.resourceType === 'QuestionnaireResponse')
				expect(response.questionnaire).toMatch(new RegExp(`\\|${IMR_SCALE_VERSION.replace(/\./g, '\\.')}$`));
		const plan = of('CarePlan')[0];
		expect(plan?.resourceType === 'CarePlan' && plan.activity).toHaveLength(1 + 3 + 10);
	});

	it('names nobody: not the participant, not the trainer', () => {
		const text = JSON.stringify(bundle);
		expect(text).not.toContain('Fhirsma');
		expect(text).not.toContain('Tamara');
		expect(text).not.toContain(anna.personId);
	});

	it('is an export in the access log, and the coordinator may make it too', async () => {
		const rows = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'fhir.export'), eq(auditEvent.participantId, anna.personId)));
		expect(rows).toEqual([expect.objectContaining({ action: 'E', actorPersonId: trainer.personId })]);
		const byCoordinator = await participantBundle(db, coordinator, anna.personId, options);
		expect(byCoordinator.entry).toHaveLength(bundle.entry!.length);
	});

	it.each([
		['another group’s trainer', () => participantBundle(db, otherTrainer, anna.personId, options)],
		[
			'the trainer through another group',
			() => participantBundle(db, trainer, anna.personId, { ...options, groupId: otherTrainer.personId })
		],
		[
			'another organisation’s coordinator',
			() => participantBundle(db, strangerCoordinator, anna.personId, options)
		],
		['the participant herself', () => participantBundle(db, anna, anna.personId, options)],
		[
			'a coordinator through a group page',
			() => participantBundle(db, coordinator, anna.personId, { ...options, groupId: group.id })
		]
	])('is refused to %s (NotFound, logged)', async (_who, run) => {
		const before = await db.$count(auditEvent, eq(auditEvent.eventType, 'access.denied'));
		await expect(run()).rejects.toBeInstanceOf(NotFound);
		expect(await db.$count(auditEvent, eq(auditEvent.eventType, 'access.denied'))).toBe(before + 1);
	});
});

describe('the bulk export of the organisation', () => {
	let exportId: string;
	let lines: Record<string, FhirResource[]>;

	beforeAll(async () => {
		const started = await startBulkExport(db, coordinator, { since: null });
		exportId = started.id;
		await runBulkExport(db, exportId, { dataDir, secret: TEST_SECRET, pageSize: 1 });
		lines = {};
		for (const type of BULK_TYPES)
			lines[type] = fs
				.readFileSync(exportFilePath(dataDir, exportId, type)!, 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as FhirResource);
	});

	it('writes every type, each resource valid R4, every reference resolving across the files', () => {
		const all = Object.values(lines).flat();
		for (const type of BULK_TYPES) expect(lines[type]?.length, type).toBeGreaterThan(0);
		expect(problemsOf(all)).toEqual([]);
		expect(unresolvedReferences(all, typeIds(all))).toEqual([]);
		expect(lines.Patient).toHaveLength(2);
		expect(lines.Encounter).toHaveLength(90);
	});

	it('maps the access log: the export itself is in it, with pseudonyms instead of ids and names', async () => {
		const events = lines.AuditEvent!.filter((event) => event.resourceType === 'AuditEvent');
		const exported = events.find((event) => event.subtype?.[0]?.code === 'fhir.export');
		expect(exported).toMatchObject({
			action: 'E',
			type: { code: '110106' },
			outcome: '0',
			entity: expect.arrayContaining([
				expect.objectContaining({
					what: {
						identifier: expect.objectContaining({ value: patientPseudonym(TEST_SECRET, anna.personId) })
					},
					role: expect.objectContaining({ display: 'Patient' })
				})
			])
		});
		const refused = events.find((event) => event.subtype?.[0]?.code === 'access.denied');
		expect(refused).toMatchObject({ outcome: '4', type: { code: '110113' } });
		const text = JSON.stringify(lines.AuditEvent);
		expect(text).not.toContain(anna.personId);
		expect(text).not.toContain('Tamara');
	});

	it('answers its manifest, and each download is in the access log', async () => {
		const row = await bulkExportOf(db, coordinator, exportId);
		expect(row.status).toBe('done');
		const manifest = manifestOf(row, 'https://herstelpad.example/api/fhir');
		expect(manifest.output.map((one) => one.type)).toEqual([...BULK_TYPES]);
		expect(manifest.output.find((one) => one.type === 'Patient')?.count).toBe(2);
		const stream = await openExportFile(db, coordinator, exportId, 'Patient', dataDir);
		expect((await new Response(stream).text()).split('\n').filter(Boolean)).toHaveLength(2);
		const downloads = await db
			.select()
			.from(auditEvent)
			.where(eq(auditEvent.eventType, 'fhir.bulk_download'));
		expect(downloads).toEqual([expect.objectContaining({ action: 'E', objectId: `${exportId}/Patient` })]);
		await expect(openExportFile(db, coordinator, exportId, 'Nonsense', dataDir)).rejects.toBeInstanceOf(
			NotFound
		);
	});

	it('is refused to another organisation (NotFound) and to trainers (Forbidden), logged', async () => {
		await expect(bulkExportOf(db, strangerCoordinator, exportId)).rejects.toBeInstanceOf(NotFound);
		await expect(
			openExportFile(db, strangerCoordinator, exportId, 'Patient', dataDir)
		).rejects.toBeInstanceOf(NotFound);
		await expect(startBulkExport(db, trainer, { since: null })).rejects.toBeInstanceOf(Forbidden);
		const refusals = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'access.denied'), eq(auditEvent.objectType, 'fhir_export')));
		expect(refusals.length).toBeGreaterThanOrEqual(3);
	});

	it('with _since holds only what changed since then', async () => {
		const since = new Date();
		await db
			.update(recoveryGoal)
			.set({ why: 'Nu met reden' })
			.where(eq(recoveryGoal.personId, anna.personId));
		const started = await startBulkExport(db, coordinator, { since, types: ['Goal', 'Patient'] });
		await runBulkExport(db, started.id, { dataDir, secret: TEST_SECRET });
		const row = await bulkExportOf(db, coordinator, started.id);
		expect(row.files).toEqual([
			{ type: 'Patient', count: 0 },
			{ type: 'Goal', count: 2 }
		]);
	});

	it('runs as a pg-boss job: the worker picks up a started export and finishes it', async () => {
		const worker = await startFhirExportWorker({
			db,
			pool: database.pool,
			dataDir,
			secret: TEST_SECRET,
			pollingIntervalSeconds: 0.5
		});
		try {
			const started = await startBulkExport(db, coordinator, { since: null, types: ['Patient'] });
			await vi.waitFor(
				async () => {
					const [row] = await db.select().from(fhirExport).where(eq(fhirExport.id, started.id));
					expect(row?.status).toBe('done');
				},
				{ timeout: 20_000, interval: 200 }
			);
		} finally {
			await worker.stop();
		}
	});
});
