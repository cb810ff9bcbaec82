/** The research pages' inputs (English keys), under the pages' Dutch field names. */
import { z } from 'zod';
import { namedFields } from '../form-fields';
import { lineText } from '../input';

export const STUDY_NAME_MAX = 120;

/** A new study: its name (the key is made by the server). */
export const studyInput = z.object({ name: lineText(STUDY_NAME_MAX, { required: 'required' }) });

export const researchForms = { study: namedFields(studyInput, { name: 'naam' }) };
