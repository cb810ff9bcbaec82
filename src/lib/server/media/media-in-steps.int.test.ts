import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, media } from '../db/schema';
import { Forbidden, NotFound } from '../errors';
import { participantStep } from '../curriculum/course/queries';
import { importStarterCurriculum } from '../curriculum/import';
import {
	moveGroupToNewest,
	publishDraft,
	setDraftStepVideo,
	startDraft
} from '../curriculum/editing/commands';
import { draftStep } from '../curriculum/editing/queries';
import { removeMedia } from './commands';
import { mediaForActor, organisationVideo } from './queries';
import { storeBytes, storedPath } from './storage';

let db: Db;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-media-steps-'));
let coordinator: Actor;
let trainer: Actor;
let anna: Actor;
let otherCoordinator: Actor;
let groupId: string;
let otherVideo: string;

/** A video of the organisation, its files stored under dataDir. */
async function buildVideo(organisationId: string, title: string) {
	const videoFile = await storeBytes(dataDir, new Uint8Array([1, 2, 3]), 'webm');
	const captions = await storeBytes(dataDir, new TextEncoder().encode('WEBVTT\n'), 'vtt');
	const [row] = await db
		.insert(media)
		.values({
			organisationId,
			title: { nl: title, en: title },
			videoFile,
			videoType: 'video/webm',
			videoBytes: 3,
			captionFiles: { nl: captions },
			transcript: { nl: `${title} vertelt.` }
		})
		.returning({ id: media.id });
	return { id: row!.id, files: [videoFile, captions] };
}

const exists = (name: string) => fs.existsSync(storedPath(dataDir, name)!);

const refusalsFor = async (id: string) =>
	(
		await db
			.select({ id: auditEvent.id })
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'access.denied'), eq(auditEvent.objectId, id)))
	).length;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	await importStarterCurriculum(db, dataDir, org.id);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	groupId = (await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] })).id;
	// The group follows version 1 from its first use.
	await participantStep(db, anna, 1, '01-wat-is-herstel', 'nl');
	const elsewhere = await buildOrganisation(db);
	otherCoordinator = await buildPerson(db, { organisationId: elsewhere.id, role: 'coordinator' });
	otherVideo = (await buildVideo(elsewhere.id, 'Elders')).id;
});

describe('an uploaded video in a step', () => {
	it('is placed in a step of the draft; once published and followed, the participant sees it with captions', async () => {
		const noor = await buildVideo(coordinator.organisationId!, 'Het verhaal van Noor');
		expect(await startDraft(db, coordinator)).toBe(2);
		await setDraftStepVideo(db, coordinator, 1, '01-wat-is-herstel', noor.id);
		expect((await draftStep(db, coordinator, 1, '01-wat-is-herstel')).mediaId).toBe(noor.id);
		expect((await organisationVideo(db, coordinator, noor.id, 'nl')).uses).toEqual([
			{
				versionNumber: 2,
				published: false,
				moduleNumber: 1,
				stepKey: '01-wat-is-herstel',
				stepTitle: 'Wat is herstel?'
			}
		]);
		// Not yet for the participant: the group follows version 1.
		expect((await participantStep(db, anna, 1, '01-wat-is-herstel', 'nl'))?.video).toBeNull();
		await expect(mediaForActor(db, anna, noor.id)).rejects.toThrow(NotFound);

		await publishDraft(db, coordinator);
		await moveGroupToNewest(db, trainer, groupId);
		expect((await participantStep(db, anna, 1, '01-wat-is-herstel', 'nl'))?.video).toEqual({
			id: noor.id,
			title: 'Het verhaal van Noor',
			type: 'video/webm',
			hasPoster: false,
			captions: ['nl'],
			transcript: 'Het verhaal van Noor vertelt.'
		});
		expect(await mediaForActor(db, anna, noor.id)).toMatchObject({ videoType: 'video/webm' });

		// While a published step shows it, it stays, and the answer says where.
		expect(await removeMedia(db, coordinator, noor.id, dataDir, 'nl')).toEqual({
			removed: false,
			usedIn: [
				{
					versionNumber: 2,
					published: true,
					moduleNumber: 1,
					stepKey: '01-wat-is-herstel',
					stepTitle: 'Wat is herstel?'
				}
			]
		});
		expect(noor.files.every(exists)).toBe(true);
	});

	it('removes a video only a draft step shows: the step is left without one, the files go, and it is logged', async () => {
		const joep = await buildVideo(coordinator.organisationId!, 'Het verhaal van Joep');
		expect(await startDraft(db, coordinator)).toBe(3);
		await setDraftStepVideo(db, coordinator, 2, '01-je-bent-niet-de-enige', joep.id);
		expect(await removeMedia(db, coordinator, joep.id, dataDir, 'nl')).toEqual({ removed: true });
		expect((await draftStep(db, coordinator, 2, '01-je-bent-niet-de-enige')).mediaId).toBeNull();
		expect(joep.files.some(exists)).toBe(false);
		const logged = await db
			.select({ action: auditEvent.action, participantId: auditEvent.participantId })
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'media.remove'), eq(auditEvent.objectId, joep.id)));
		expect(logged).toEqual([{ action: 'D', participantId: null }]);
		// Choosing "no video" works too.
		await setDraftStepVideo(db, coordinator, 1, '01-wat-is-herstel', null);
		expect((await draftStep(db, coordinator, 1, '01-wat-is-herstel')).mediaId).toBeNull();
	});

	it("answers another organisation's video as not found, with the refusal logged, and lets no trainer in", async () => {
		const before = await refusalsFor(otherVideo);
		await expect(setDraftStepVideo(db, coordinator, 1, '01-wat-is-herstel', otherVideo)).rejects.toThrow(
			NotFound
		);
		await expect(removeMedia(db, coordinator, otherVideo, dataDir, 'nl')).rejects.toThrow(NotFound);
		await expect(organisationVideo(db, coordinator, otherVideo, 'nl')).rejects.toThrow(NotFound);
		expect(await refusalsFor(otherVideo)).toBe(before + 3);
		const [sample] = await db
			.select({ id: media.id })
			.from(media)
			.where(eq(media.organisationId, coordinator.organisationId!));
		await expect(removeMedia(db, otherCoordinator, sample!.id, dataDir, 'nl')).rejects.toThrow(NotFound);
		await expect(removeMedia(db, trainer, sample!.id, dataDir, 'nl')).rejects.toThrow(Forbidden);
	});
});
