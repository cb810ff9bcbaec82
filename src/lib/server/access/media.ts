import { and, eq } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import type { Actor } from '$lib/domain/policy';
import type { AuditAction } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { media } from '../db/schema';
import { NotFound } from '../errors';
import { requireCoordinator } from './organisation';
import { recordRefusal } from './refusal';

/**
 * A video of the organisation the actor coordinates (one query); Forbidden for anyone but a
 * coordinator, NotFound (another organisation's video looks like none) with the refusal in the
 * access log.
 */
export async function requireOrganisationMedia(
	db: Db | Tx,
	actor: Actor,
	mediaId: string,
	action: AuditAction = 'R'
): Promise<{ id: string; organisationId: string }> {
	const organisationId = requireCoordinator(actor);
	const [row] = isUuid(mediaId)
		? await db
				.select({ id: media.id, organisationId: media.organisationId })
				.from(media)
				.where(and(eq(media.id, mediaId), eq(media.organisationId, organisationId)))
		: [];
	if (row) return row;
	await recordRefusal(db, actor, { type: 'media', id: mediaId }, action);
	throw new NotFound('media');
}
