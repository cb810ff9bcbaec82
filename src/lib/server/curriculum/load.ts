/** Reads the starter curriculum from the content/ folder and parses it (see parse.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { parseCurriculum, type ContentFile, type ParsedModule } from './parse';

/** The starter curriculum folder: CONTENT_DIR, by default content/ in the working directory (npm start runs there). */
export function contentDir(): string {
	return path.resolve(process.env.CONTENT_DIR || 'content');
}

/** The folders of content/media (each one media item, e.g. the sample video). */
export function mediaNames(dir = contentDir()): string[] {
	const media = path.join(dir, 'media');
	if (!fs.existsSync(media)) return [];
	return fs
		.readdirSync(media, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
}

/** Every .md file under content/modules, with its path relative to that folder. */
export function readModuleFiles(dir = contentDir()): ContentFile[] {
	const modules = path.join(dir, 'modules');
	return fs
		.readdirSync(modules, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
		.map((entry) => {
			const full = path.join(entry.parentPath, entry.name);
			return {
				path: path.relative(modules, full).split(path.sep).join('/'),
				text: fs.readFileSync(full, 'utf8')
			};
		})
		.sort((a, b) => a.path.localeCompare(b.path));
}

/** The starter curriculum, or a ContentError naming every broken file and line. */
export function loadStarterCurriculum(dir = contentDir()): ParsedModule[] {
	return parseCurriculum(readModuleFiles(dir), mediaNames(dir));
}
