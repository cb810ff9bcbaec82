/**
 * The pseudonymised research export (issue 20, item 8): only participants who consent now, under a
 * pseudonym per study, with no name, email, phone number, free text or id in any file; refused with
 * fewer than 5 consenting participants; researchers of the organisation only; every export logged.
 */
import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import {
	buildCheckIn,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson,
	buildSession
} from '../../../../tests/helpers/builders';
import { createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import {
	auditEvent,
	person,
	questionnaire,
	questionnaireResponse,
	researchStudy,
	stepProgress,
	user
} from '../db/schema';
import { ensureShipped } from '../measures/definitions';
import { Conflict, Forbidden, NotFound } from '../errors';
import { setOwnConsent } from '../privacy/consent';
import { codebook } from './codebook';
import { researchExport, researchFiles } from './export';
import { pseudonym } from './pseudonym';
import { open } from '../auth/secret-box';
import { createStudy, studies } from './studies';

let db: Db;
let organisationId: string;
let groupId: string;
let coordinator: Actor;
let researcher: Actor;
let trainer: Actor;
let participants: Actor[];
let stranger: Actor;
let strangerStudy: string;
/** Every name, email, phone number and free text of a participant, which no export may contain. */
const secrets: string[] = [];

const NAMES = [
	'Zwaantje Quistorp',
	'Yoran Pelkwijk',
	'Xandra Vlietmeer',
	'Wubbo Krommendijk',
	'Velma Ostergaard',
	'Ulbe Hazekamp',
	'Truus Bijleveld'
];

async function unzipExport(actor: Actor, studyId: string) {
	const { zip } = await researchExport(db, actor, studyId, TEST_SECRET);
	const files = unzipSync(zip);
	return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

const rowsOf = (csv: string) =>
	csv
		.trim()
		.split('\r\n')
		.slice(1)
		.map((line) => line.split(','));

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	organisationId = (await buildOrganisation(db)).id;
	coordinator = await buildPerson(db, { organisationId, role: 'coordinator' });
	researcher = await buildPerson(db, { organisationId, role: 'researcher' });
	trainer = await buildPerson(db, { organisationId, role: 'trainer' });
	participants = [];
	for (const [index, name] of NAMES.entries())
		participants.push(
			await buildPerson(db, { organisationId, role: 'participant', name, phone: `06-9${index}81726${index}` })
		);
	groupId = (await buildGroup(db, { organisationId, trainers: [trainer], participants })).id;
	for (const [index, one] of participants.entries()) {
		const [row] = await db
			.select({ email: user.email, phone: person.phone })
			.from(person)
			.innerJoin(user, eq(user.id, person.userId))
			.where(eq(person.id, one.personId));
		secrets.push(one.displayName, row!.email, row!.phone!);
		const goalText = `Geheim doel van ${one.displayName} nummer ${index}`;
		const why = `Waarom-tekst vertrouwelijk ${index}`;
		const step = `Stapje zeldzaam ${index}`;
		const bringUp = `Inbreng bijzonder ${index} over mijn buurman`;
		secrets.push(goalText, why, step, bringUp);
		const goal = await buildGoal(db, { participant: one, text: goalText, why, step, lifeArea: 'health' });
		await buildCheckIn(db, {
			participant: one,
			groupId,
			weekStart: '2026-09-15',
			worked: 'a_bit',
			closeness: 4,
			bringUp,
			goalId: goal.goalId,
			stepId: goal.stepId
		});
		await db.insert(stepProgress).values([
			{ personId: one.personId, moduleNumber: 1, stepKey: '1-stap-1', doneAt: new Date() },
			{ personId: one.personId, moduleNumber: 1, stepKey: '1-stap-2' }
		]);
	}
	await ensureShipped(db);
	const [shipped] = await db.select({ id: questionnaire.id }).from(questionnaire).limit(1);
	await db.insert(questionnaireResponse).values(
		participants.map((one) => ({
			organisationId,
			questionnaireId: shipped!.id,
			purpose: 'imr_participant',
			subjectId: one.personId,
			groupId,
			moment: 0,
			status: 'completed' as const,
			answers: { q1: '3' },
			completedAt: new Date(),
			mean: 3.25,
			factors: { recovery: 3.5, management: null }
		}))
	);
	await buildSession(db, {
		groupId,
		date: '2026-09-08',
		attendance: participants.map((one, index) => ({
			participant: one,
			status: index % 2 ? ('present' as const) : ('excused' as const)
		}))
	});
	const other = await buildOrganisation(db);
	stranger = await buildPerson(db, { organisationId: other.id, role: 'researcher' });
	const otherCoordinator = await buildPerson(db, { organisationId: other.id, role: 'coordinator' });
	strangerStudy = await createStudy(db, otherCoordinator, 'Andere studie', TEST_SECRET);
});

describe('studies', () => {
	it('are created by the coordinator with a sealed key of 32 bytes, logged', async () => {
		const id = await createStudy(db, coordinator, 'Herstel in beeld', TEST_SECRET);
		const [row] = await db.select().from(researchStudy).where(eq(researchStudy.id, id));
		expect(row!.keySealed.startsWith('v1.')).toBe(true);
		expect(Buffer.from(open(row!.keySealed, TEST_SECRET), 'base64url')).toHaveLength(32);
		const logged = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'research.study_create'), eq(auditEvent.objectId, id)));
		expect(logged).toHaveLength(1);
		expect(logged[0]!.action).toBe('C');
	});

	it('are listed for the coordinator and researchers of the organisation, not for others', async () => {
		const list = await studies(db, researcher, 0);
		expect(list.items.map((item) => item.name)).toContain('Herstel in beeld');
		expect(list.items.map((item) => item.name)).not.toContain('Andere studie');
		expect(Object.keys(list.items[0]!)).toEqual(['id', 'name', 'createdAt']);
		await expect(studies(db, trainer, 0)).rejects.toBeInstanceOf(Forbidden);
		await expect(studies(db, participants[0]!, 0)).rejects.toBeInstanceOf(Forbidden);
		await expect(createStudy(db, researcher, 'x', TEST_SECRET)).rejects.toBeInstanceOf(Forbidden);
	});
});

describe('the export', () => {
	let studyA: string;
	let studyB: string;

	beforeAll(async () => {
		studyA = await createStudy(db, coordinator, 'Studie A', TEST_SECRET);
		studyB = await createStudy(db, coordinator, 'Studie B', TEST_SECRET);
	});

	it('is refused with fewer than 5 consenting participants, logged as a failure', async () => {
		for (const one of participants.slice(0, 4)) await setOwnConsent(db, one, 'research', true);
		expect((await studies(db, researcher, 0)).enough).toBe(false);
		await expect(researchExport(db, researcher, studyA, TEST_SECRET)).rejects.toBeInstanceOf(Conflict);
		const failed = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'research.export'), eq(auditEvent.outcome, 'failure')));
		expect(failed).toHaveLength(1);
	});

	it('holds only the participants who consent, under the study pseudonym, logged with them', async () => {
		for (const one of participants.slice(4, 6)) await setOwnConsent(db, one, 'research', true);
		expect((await studies(db, researcher, 0)).enough).toBe(true);
		const files = await unzipExport(researcher, studyA);
		expect(Object.keys(files).sort()).toEqual([...researchFiles, 'codebook.csv'].sort());
		const [row] = await db.select().from(researchStudy).where(eq(researchStudy.id, studyA));
		const key = Buffer.from(open(row!.keySealed, TEST_SECRET), 'base64url');
		const expected = participants.slice(0, 6).map((one) => pseudonym(key, one.personId));
		const listed = rowsOf(files['participants.csv']!).map((cells) => cells[0]);
		expect(listed.sort()).toEqual(expected.sort());
		expect(listed).not.toContain(pseudonym(key, participants[6]!.personId));
		expect(rowsOf(files['check_ins.csv']!)).toHaveLength(6);
		expect(rowsOf(files['check_ins.csv']!)[0]!.slice(1)).toEqual(['2', 'a_bit', '4']);
		expect(rowsOf(files['goals.csv']!)[0]!.slice(1)).toEqual(['health', 'active', '']);
		expect(rowsOf(files['module_progress.csv']!)[0]!.slice(1)).toEqual(['1', '1']);
		expect(rowsOf(files['attendance.csv']!).map((cells) => cells[1])).toEqual(Array(6).fill('1'));
		// Joined today: the course week of today, counted from the group's start on 2026-09-01.
		expect(
			rowsOf(files['measures.csv']!)
				.slice(0, 3)
				.map((cells) => cells.slice(1))
		).toEqual([
			['0', 'imr_participant', 'total', '3.25'],
			['0', 'imr_participant', 'management', ''],
			['0', 'imr_participant', 'recovery', '3.5']
		]);
		expect(rowsOf(files['participants.csv']!)[0]![2]).toMatch(/^-?\d+$/);
		const logged = await db
			.select()
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.eventType, 'research.export'),
					eq(auditEvent.objectId, studyA),
					eq(auditEvent.outcome, 'success')
				)
			);
		expect(logged).toHaveLength(1);
		expect(logged[0]!.action).toBe('E');
		expect([...logged[0]!.participantIds!].sort()).toEqual(
			participants
				.slice(0, 6)
				.map((one) => one.personId)
				.sort()
		);
	});

	it('has a codebook line for every column of every file', async () => {
		const files = await unzipExport(researcher, studyA);
		for (const file of researchFiles) {
			const header = files[file]!.split('\r\n')[0]!.split(',');
			expect(header).toEqual(codebook.filter((entry) => entry.file === file).map((entry) => entry.column));
		}
	});

	it('contains no name, email, phone number, free text or id of anyone', async () => {
		for (const one of participants) await setOwnConsent(db, one, 'research', true);
		const files = await unzipExport(researcher, studyA);
		const ids = [...participants, trainer, coordinator, researcher].map((one) => one.personId);
		ids.push(groupId, studyA, organisationId);
		for (const [name, text] of Object.entries(files)) {
			const lower = text.toLowerCase();
			for (const secret of [...secrets, ...ids])
				expect(lower, `${name}: ${secret}`).not.toContain(secret.toLowerCase());
			for (const part of NAMES.flatMap((full) => full.split(' ')))
				expect(lower, `${name}: ${part}`).not.toContain(part.toLowerCase());
			// No exact dates at all.
			expect(text, name).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		}
	});

	it('keeps a pseudonym within a study and gives another in another study', async () => {
		const a1 = rowsOf((await unzipExport(researcher, studyA))['participants.csv']!).map((cells) => cells[0]);
		const a2 = rowsOf((await unzipExport(researcher, studyA))['participants.csv']!).map((cells) => cells[0]);
		const b = rowsOf((await unzipExport(researcher, studyB))['participants.csv']!).map((cells) => cells[0]);
		expect(a2.sort()).toEqual(a1.sort());
		expect(b.filter((one) => a1.includes(one))).toEqual([]);
		expect(b).toHaveLength(a1.length);
	});

	it('leaves out a participant who withdrew, from the next export on', async () => {
		const [row] = await db.select().from(researchStudy).where(eq(researchStudy.id, studyA));
		const key = Buffer.from(open(row!.keySealed, TEST_SECRET), 'base64url');
		const gone = pseudonym(key, participants[0]!.personId);
		expect((await unzipExport(researcher, studyA))['participants.csv']).toContain(gone);
		await setOwnConsent(db, participants[0]!, 'research', false);
		const files = await unzipExport(researcher, studyA);
		for (const text of Object.values(files)) expect(text).not.toContain(gone);
	});

	it('is NotFound for another organisation’s study or a malformed id, Forbidden for other roles', async () => {
		await expect(researchExport(db, researcher, strangerStudy, TEST_SECRET)).rejects.toBeInstanceOf(NotFound);
		await expect(researchExport(db, stranger, studyA, TEST_SECRET)).rejects.toBeInstanceOf(NotFound);
		await expect(researchExport(db, researcher, 'geen-id', TEST_SECRET)).rejects.toBeInstanceOf(NotFound);
		for (const actor of [trainer, participants[1]!, coordinator])
			await expect(researchExport(db, actor, studyA, TEST_SECRET)).rejects.toBeInstanceOf(Forbidden);
		const refused = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'access.denied'), eq(auditEvent.objectType, 'research_study')));
		expect(refused.length).toBeGreaterThanOrEqual(6);
	});
});
