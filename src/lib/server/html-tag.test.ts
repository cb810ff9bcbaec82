import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillHtmlTag, HTML_TAG } from './html-tag';

const appHtml = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'app.html'), 'utf8');

describe('the <html> tag', () => {
	it('is written in src/app.html exactly as the hook looks for it', () => {
		expect(appHtml).toContain(HTML_TAG);
	});

	it('gets the language and the text size, with no placeholder left', () => {
		const page = fillHtmlTag(appHtml, 'en', 'groot');
		expect(page).toContain('<html lang="en" data-tekst="groot">');
		expect(page).not.toMatch(/%lang%|%tekst%/);
	});
});
