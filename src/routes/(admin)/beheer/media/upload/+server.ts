import { error, json, redirect } from '@sveltejs/kit';
import { isCoordinator } from '$lib/server/access';
import { storeDraft } from '$lib/server/auth/drafts';
import { config } from '$lib/server/config';
import { namedFields } from '$lib/server/form-fields';
import { addMedia, checkUpload, mediaFieldsInput } from '$lib/server/media/commands';
import { removeStored } from '$lib/server/media/storage';
import { receiveUpload } from '$lib/server/media/upload';
import type { RequestHandler } from './$types';

/** The upload form's field names for the video's texts. */
const mediaFields = namedFields(mediaFieldsInput, {
	titleNl: 'titel_nl',
	titleEn: 'titel_en',
	transcriptNl: 'transcript_nl',
	transcriptEn: 'transcript_en'
});

/**
 * A coordinator uploads a video with captions and transcript. The page's script sends it with a
 * progress bar and gets JSON back; without JavaScript the browser posts the form and is sent back
 * to the page, with the messages and what was typed.
 */
export const POST: RequestHandler = async ({ locals, request, cookies }) => {
	const actor = locals.actor;
	if (!actor || !isCoordinator(actor)) error(403, 'Forbidden');
	const { dataDir, mediaMaxBytes } = config();
	const upload = await receiveUpload(request, dataDir, mediaMaxBytes);
	const { errors, fields } = checkUpload(upload, mediaFields);
	const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
	const failed = Object.keys(errors).length > 0 || !fields;
	const id = failed ? null : await addMedia(locals.db, actor, upload, fields, dataDir);
	if (!id) {
		if (upload.video) await removeStored(dataDir, upload.video.name);
		const status = errors.video === 'too_large' ? 413 : 400;
		if (wantsJson) return json({ ok: false, errors }, { status });
		await storeDraft(locals.db, cookies, actor.userId, '/beheer/media', upload.fields);
		const keys = Object.entries(errors).map(([field, key]) => `${field}:${key}`);
		redirect(303, `/beheer/media?fout=${encodeURIComponent(keys.join(','))}`);
	}
	if (wantsJson) return json({ ok: true, id });
	redirect(303, '/beheer/media?toegevoegd');
};
