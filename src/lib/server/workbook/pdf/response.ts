/** The workbook's download: its query (large print or not) and the streamed PDF response. */
import { z } from 'zod';
import { namedFields } from '../../form-fields';
import type { WorkbookContent } from './content';
import { workbookStream } from './render';

/** `?groot=1`: large print; no value: normal print. */
export const workbookQuery = namedFields(
	z.object({
		largePrint: z
			.enum(['1'], { error: 'invalid' })
			.optional()
			.transform((value) => value === '1')
	}),
	{ largePrint: 'groot' }
);

/** The PDF, streamed as it is written, as a download named werkboek.pdf (never cached). */
export function workbookResponse(content: WorkbookContent, options: { largePrint: boolean }): Response {
	return new Response(workbookStream(content, options), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': 'attachment; filename="werkboek.pdf"',
			'cache-control': 'no-store'
		}
	});
}
