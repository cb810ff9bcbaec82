/**
 * Privacy rights (issue 20, items 1–5): consent per purpose and its effects at once, "who can see
 * what", the own-data export (contents, other people by role only, once, 24 hours), erasure from both
 * sides with the access log kept, and retention with its dry run and the access log's 5-year floor.
 */
import { and, eq, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import {
	buildCheckIn,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson
} from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { loadActor } from '../auth/actor';
import { redeemLoginCard } from '../cards/commands';
import type { Db } from '../db/client';
import {
	auditEvent,
	checkIn,
	consentChange,
	dataExport,
	erasureRequest,
	groupMember,
	person,
	relapsePlan,
	reminderPreference,
	session,
	user
} from '../db/schema';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors';
import { setCareTeamSharing } from '../workbook/plan/commands';
import { planFor } from '../workbook/plan/queries';
import { inviteSignificantOther } from '../workbook/sharing/commands';
import { sharedWithMe } from '../workbook/sharing/queries';
import { inviteInput } from '../workbook/sharing/schema';
import { ownConsents, setOwnConsent } from './consent';
import {
	decideErasure,
	erasureRequestOf,
	erasureRequests,
	ownErasure,
	requestErasureFor,
	requestOwnErasure,
	withdrawOwnErasure
} from './erasure';
import {
	createDataExportQueue,
	ownExportState,
	requestOwnExport,
	runDataExport,
	takeOwnExport
} from './export';
import {
	applyRetention,
	dryRunRetention,
	retentionOverview,
	saveRetention,
	DEFAULT_MONTHS
} from './retention';
import { ownVisibility } from './visibility';
import { courseEndedOn, readOnlyUntil, writableAfterCourse } from './course-end';

let db: Db;
let anna: Actor;
let bram: Actor;
let trainer: Actor;
let coordinator: Actor;
let stranger: Actor;
let organisationId: string;
let groupId: string;

beforeAll(async () => {
	const database = await createTestDatabase();
	db = database.db;
	await createDataExportQueue(database.pool);
	const org = await buildOrganisation(db);
	organisationId = org.id;
	trainer = await buildPerson(db, { organisationId, role: 'trainer', name: 'Tamara Trainer' });
	coordinator = await buildPerson(db, { organisationId, role: 'coordinator', name: 'Coby Coördinator' });
	anna = await buildPerson(db, { organisationId, role: 'participant', name: 'Anna Aalders' });
	bram = await buildPerson(db, { organisationId, role: 'participant', name: 'Bram Bos' });
	groupId = (await buildGroup(db, { organisationId, trainers: [trainer], participants: [anna, bram] })).id;
	const other = await buildOrganisation(db);
	stranger = await buildPerson(db, { organisationId: other.id, role: 'coordinator' });
});

afterAll(() => undefined);

const auditRows = (eventType: string, participantId: string) =>
	db
		.select()
		.from(auditEvent)
		.where(and(eq(auditEvent.eventType, eventType), eq(auditEvent.participantId, participantId)));

describe('consent', () => {
	it('is off for every purpose until the participant gives it', async () => {
		const own = await ownConsents(db, anna);
		expect(own.given).toEqual({ research: false, reminders: false, naaste: false, care_team: false });
		expect(own.history).toEqual([]);
	});

	it('is given and withdrawn with one call each, every change kept with its time, logged', async () => {
		await setOwnConsent(db, anna, 'research', true);
		await setOwnConsent(db, anna, 'research', true); // a resend changes nothing
		await setOwnConsent(db, anna, 'reminders', true);
		await setOwnConsent(db, anna, 'care_team', true);
		let own = await ownConsents(db, anna);
		expect(own.given).toEqual({ research: true, reminders: true, naaste: false, care_team: true });
		const [preference] = await db
			.select()
			.from(reminderPreference)
			.where(eq(reminderPreference.personId, anna.personId));
		expect(preference?.enabled).toBe(true);
		const [plan] = await db.select().from(relapsePlan).where(eq(relapsePlan.personId, anna.personId));
		expect(plan?.sharedWithCareTeam).toBe(true);
		await setOwnConsent(db, anna, 'research', false);
		own = await ownConsents(db, anna);
		expect(own.given.research).toBe(false);
		const changes = await db.select().from(consentChange).where(eq(consentChange.personId, anna.personId));
		expect(changes.filter((change) => change.purpose === 'research').map((change) => change.given)).toEqual([
			true,
			false
		]);
		expect(changes.every((change) => change.byPersonId === anna.personId && change.at instanceof Date)).toBe(
			true
		);
		expect(own.history[0]).toMatchObject({ purpose: 'research', given: false, bySelf: true });
		expect((await auditRows('consent.give', anna.personId)).length).toBe(3);
		expect((await auditRows('consent.withdraw', anna.personId)).length).toBe(1);
	});

	it('is the participant’s alone', async () => {
		await expect(setOwnConsent(db, trainer, 'research', true)).rejects.toBeInstanceOf(Forbidden);
		await expect(ownConsents(db, coordinator)).rejects.toBeInstanceOf(Forbidden);
	});

	it('keeps the history when the plan screen’s own switch is used', async () => {
		await setCareTeamSharing(db, anna, false);
		expect((await ownConsents(db, anna)).given.care_team).toBe(false);
		const [last] = await db
			.select()
			.from(consentChange)
			.where(and(eq(consentChange.personId, anna.personId), eq(consentChange.purpose, 'care_team')))
			.orderBy(sql`${consentChange.at} desc`)
			.limit(1);
		expect(last?.given).toBe(false);
	});

	it('for naasten: inviting gives it; withdrawing stops every naaste’s access at once; giving resumes it', async () => {
		const card = await inviteSignificantOther(
			db,
			bram,
			inviteInput.parse({ name: 'Ria (zus)', how: 'card' })
		);
		const ria = (await loadActor(db, (await redeemLoginCard(db, card.code))!.userId))!;
		expect((await ownConsents(db, bram)).given.naaste).toBe(true);
		expect((await planFor(db, ria, bram.personId)).reader.as).toBe('significant_other');
		await setOwnConsent(db, bram, 'naaste', false);
		await expect(planFor(db, ria, bram.personId)).rejects.toBeInstanceOf(NotFound);
		expect(await sharedWithMe(db, ria)).toEqual([]);
		const who = await ownVisibility(db, bram);
		expect(who.naasteConsent).toBe(false);
		expect(who.naasten.map((one) => one.name)).toEqual(['Ria (zus)']);
		await setOwnConsent(db, bram, 'naaste', true);
		expect((await planFor(db, ria, bram.personId)).reader.as).toBe('significant_other');
	});

	it('says who can see what from the same tables the checks read', async () => {
		const who = await ownVisibility(db, anna);
		expect(who.trainers).toEqual([{ name: 'Tamara Trainer', peerExpert: false }]);
		expect(who.careTeam).toBe(false);
		expect(who.research).toBe(false);
		expect(who.naasten).toEqual([]);
	});
});

describe('the own-data export', () => {
	it('is prepared by the job with its progress, holds everything of the participant and other people by role only', async () => {
		const goal = await buildGoal(db, { participant: anna, text: 'Elke dag wandelen' });
		await buildCheckIn(db, {
			participant: anna,
			groupId,
			weekStart: '2026-09-08',
			bringUp: 'Slecht geslapen'
		});
		await buildCheckIn(db, {
			participant: bram,
			groupId,
			weekStart: '2026-09-08',
			bringUp: 'Bram zijn week'
		});
		const started = await requestOwnExport(db, anna, 'nl');
		expect(started.kind).toBe('working');
		// A second request while one is being prepared is the same one.
		expect(await requestOwnExport(db, anna, 'nl')).toEqual(started);
		await runDataExport(db, (started as { id: string }).id);
		const ready = await ownExportState(db, anna);
		expect(ready.kind).toBe('ready');
		if (ready.kind !== 'ready') return;
		expect(ready.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
		// Nobody else takes it, and the attempt is in the access log.
		await expect(takeOwnExport(db, bram, ready.id)).rejects.toBeInstanceOf(NotFound);
		const refused = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.actorPersonId, bram.personId), eq(auditEvent.outcome, 'failure')));
		expect(refused.map((row) => row.objectId)).toContain(ready.id);
		const zip = unzipSync(await takeOwnExport(db, anna, ready.id));
		expect(Object.keys(zip)).toEqual(
			expect.arrayContaining([
				'gegevens.json',
				'LEESMIJ.txt',
				'werkboek.pdf',
				'csv/check_in.csv',
				'csv/recovery_goal.csv'
			])
		);
		const everything = Object.entries(zip)
			.filter(([name]) => !name.endsWith('.pdf'))
			.map(([, bytes]) => strFromU8(bytes))
			.join('\n');
		expect(everything).toContain('Elke dag wandelen');
		expect(everything).toContain('Slecht geslapen');
		expect(everything).toContain('Anna Aalders');
		// The goal's history comes along through its goal (a table without a person column of its own).
		expect(zip['csv/goal_event.csv']).toBeDefined();
		expect(everything).toContain(goal.goalId);
		for (const other of [bram, trainer, coordinator]) {
			expect(everything).not.toContain(other.displayName);
			expect(everything).not.toContain(other.personId);
		}
		expect(everything).not.toContain('Bram zijn week');
		expect(everything).not.toMatch(/token_hash|password/);
		expect(strFromU8(zip['werkboek.pdf']!.slice(0, 5))).toBe('%PDF-');
		// Once: the bytes are gone, a second download is NotFound.
		await expect(takeOwnExport(db, anna, ready.id)).rejects.toBeInstanceOf(NotFound);
		const [row] = await db.select().from(dataExport).where(eq(dataExport.id, ready.id));
		expect(row?.zip).toBeNull();
		expect((await ownExportState(db, anna)).kind).toBe('taken');
		expect((await auditRows('privacy.export_request', anna.personId)).length).toBe(1);
		expect((await auditRows('privacy.export_download', anna.personId)).length).toBe(1);
	});

	it('is not downloadable after 24 hours', async () => {
		const started = await requestOwnExport(db, bram, 'en');
		await runDataExport(db, (started as { id: string }).id);
		await db
			.update(dataExport)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(dataExport.personId, bram.personId));
		expect((await ownExportState(db, bram)).kind).toBe('expired');
		await expect(takeOwnExport(db, bram, (started as { id: string }).id)).rejects.toBeInstanceOf(NotFound);
	});

	it('is for participants only', async () => {
		await expect(requestOwnExport(db, trainer, 'nl')).rejects.toBeInstanceOf(Forbidden);
	});
});

describe('erasure', () => {
	it('a participant asks and withdraws; a refusal needs its reason and is shown to them', async () => {
		const id = await requestOwnErasure(db, bram);
		expect(await requestOwnErasure(db, bram)).toBe(id);
		const own = await ownErasure(db, bram);
		expect(own).toMatchObject({ kind: 'open', bySelf: true });
		await withdrawOwnErasure(db, bram);
		expect((await ownErasure(db, bram)).kind).toBe('withdrawn');
		const again = await requestOwnErasure(db, bram);
		await expect(
			decideErasure(db, coordinator, again, { erase: false, reason: null })
		).rejects.toBeInstanceOf(Invalid);
		await decideErasure(db, coordinator, again, { erase: false, reason: 'Uw dossier moet 20 jaar blijven.' });
		expect(await ownErasure(db, bram)).toMatchObject({
			kind: 'refused',
			reason: 'Uw dossier moet 20 jaar blijven.'
		});
		await expect(decideErasure(db, coordinator, again, { erase: true, reason: null })).rejects.toBeInstanceOf(
			Conflict
		);
	});

	it('is decided by the organisation’s coordinator only', async () => {
		const id = await requestOwnErasure(db, bram);
		await expect(erasureRequestOf(db, stranger, id)).rejects.toBeInstanceOf(NotFound);
		await expect(decideErasure(db, stranger, id, { erase: true, reason: null })).rejects.toBeInstanceOf(
			NotFound
		);
		await expect(erasureRequestOf(db, trainer, id)).rejects.toBeInstanceOf(Forbidden);
		await expect(requestErasureFor(db, coordinator, trainer.personId)).rejects.toBeInstanceOf(Invalid);
		await withdrawOwnErasure(db, bram);
	});

	it('erases everything the person owns, keeps the access log and the request without the person', async () => {
		const id = await requestErasureFor(db, coordinator, anna.personId);
		const list = await erasureRequests(db, coordinator, 0);
		expect(list.items[0]).toMatchObject({ id, name: 'Anna Aalders', status: 'open', bySelf: false });
		const detail = await erasureRequestOf(db, coordinator, id);
		expect(detail.owned.map((kind) => kind.table)).toEqual(
			expect.arrayContaining(['check_in', 'recovery_goal'])
		);
		const logBefore = await db.select().from(auditEvent).where(eq(auditEvent.participantId, anna.personId));
		const outcome = await decideErasure(db, coordinator, id, {
			erase: true,
			reason: 'Gewist zoals gevraagd.'
		});
		expect(outcome.status).toBe('erased');
		expect(await db.select().from(person).where(eq(person.id, anna.personId))).toEqual([]);
		expect(await db.select().from(user).where(eq(user.id, anna.userId))).toEqual([]);
		expect(await db.select().from(session).where(eq(session.userId, anna.userId))).toEqual([]);
		expect(await db.select().from(checkIn).where(eq(checkIn.personId, anna.personId))).toEqual([]);
		const logAfter = await db.select().from(auditEvent).where(eq(auditEvent.participantId, anna.personId));
		expect(logAfter.length).toBeGreaterThan(logBefore.length);
		expect(logAfter.some((row) => row.eventType === 'erasure.erase')).toBe(true);
		const [kept] = await db.select().from(erasureRequest).where(eq(erasureRequest.id, id));
		expect(kept).toMatchObject({ personId: null, status: 'erased', reason: 'Gewist zoals gevraagd.' });
		// Bram's rows are untouched.
		expect((await db.select().from(checkIn).where(eq(checkIn.personId, bram.personId))).length).toBe(1);
	});
});

describe('retention', () => {
	it('counts in a dry run, removes in a real run, and never lets the access log go below 5 years', async () => {
		const carla = await buildPerson(db, { organisationId, role: 'participant', name: 'Carla' });
		const oldGroup = await buildGroup(db, { organisationId, participants: [carla], endDate: '2026-10-01' });
		await buildCheckIn(db, { participant: carla, groupId: oldGroup.id, weekStart: '2026-09-08' });
		await db
			.update(checkIn)
			.set({ createdAt: new Date('2023-01-01T10:00:00Z') })
			.where(eq(checkIn.personId, carla.personId));
		expect((await retentionOverview(db, coordinator)).settings).toEqual(DEFAULT_MONTHS);
		await expect(saveRetention(db, coordinator, { ...DEFAULT_MONTHS, access_log: 59 })).rejects.toMatchObject(
			{
				messageKey: 'retention_access_log_floor'
			}
		);
		await expect(
			db.execute(
				sql`insert into retention_setting (organisation_id, kind, months) values (${organisationId}, 'access_log', 12)`
			)
		).rejects.toThrow();
		await saveRetention(db, coordinator, { ...DEFAULT_MONTHS, after_course: 1 });
		const now = new Date('2027-03-01T04:00:00Z');
		const dry = await applyRetention(db, organisationId, { dryRun: true, now, actor: coordinator });
		expect(dry.check_ins).toBe(1);
		expect(dry.after_course).toBe(1);
		expect((await db.select().from(checkIn).where(eq(checkIn.personId, carla.personId))).length).toBe(1);
		const later = new Date(now.getTime() + 60_000);
		const real = await applyRetention(db, organisationId, { dryRun: false, now: later });
		expect(real.check_ins).toBe(1);
		expect(await db.select().from(checkIn).where(eq(checkIn.personId, carla.personId))).toEqual([]);
		const [off] = await db.select().from(person).where(eq(person.id, carla.personId));
		expect(off?.deactivatedAt).not.toBeNull();
		// The job's removals are in the access log, naming whose data went (no actor: the job).
		const logged = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'retention.run'), eq(auditEvent.objectId, 'check_ins')));
		expect(logged.map((row) => row.participantIds)).toEqual([[carla.personId]]);
		expect(logged[0]?.actorPersonId).toBeNull();
		// Someone who left a group yesterday, still in no other, is not "after the course".
		const dirk = await buildPerson(db, { organisationId, role: 'participant', name: 'Dirk' });
		await db
			.insert(groupMember)
			.values({ groupId, personId: dirk.personId, leftAt: new Date(later.getTime() - 86_400_000) });
		await applyRetention(db, organisationId, { dryRun: false, now: new Date(later.getTime() + 60_000) });
		const [stillOn] = await db.select().from(person).where(eq(person.id, dirk.personId));
		expect(stillOn?.deactivatedAt).toBeNull();
		const runs = (await retentionOverview(db, coordinator)).runs;
		expect(runs.map((run) => run.dryRun)).toEqual([false, false, true]);
		expect(await dryRunRetention(db, coordinator)).toMatchObject({ check_ins: 0 });
		await expect(dryRunRetention(db, trainer)).rejects.toBeInstanceOf(Forbidden);
	});
});

describe('after the course', () => {
	it('is read-only once every group the participant is in has ended, for the organisation’s period', async () => {
		const eva = await buildPerson(db, { organisationId, role: 'participant', name: 'Eva' });
		expect(await courseEndedOn(db, eva.personId, '2027-01-10')).toBeNull(); // in no group yet
		const ended = await buildGroup(db, { organisationId, participants: [eva], endDate: '2026-11-30' });
		expect(await courseEndedOn(db, eva.personId, '2026-11-30')).toBeNull(); // its last day
		expect(await courseEndedOn(db, eva.personId, '2026-12-01')).toBe('2026-11-30');
		await saveRetention(db, coordinator, { ...DEFAULT_MONTHS, after_course: 3 });
		expect(await readOnlyUntil(db, organisationId, '2026-11-30')).toBe('2027-02-28');
		// A new group that has not ended: writable again.
		await buildGroup(db, { organisationId, participants: [eva] });
		expect(await courseEndedOn(db, eva.personId, '2026-12-01')).toBeNull();
		expect(ended.id).toBeTruthy();
		expect(writableAfterCourse('/(participant)/privacy/downloaden')).toBe(true);
		expect(writableAfterCourse('/(participant)/check-in')).toBe(false);
	});
});
