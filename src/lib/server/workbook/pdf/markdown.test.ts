import { describe, expect, it } from 'vitest';
import { markdownBlocks } from './markdown';

describe('curriculum Markdown for the printed workbook', () => {
	it('keeps headings, paragraphs and lists as plain text', () => {
		expect(
			markdownBlocks(
				'# Kop\n\nEen **vette** en _schuine_ zin met `code`.\n\n- een\n- twee met [link](https://example.org)\n\n1. eerst\n2. dan'
			)
		).toEqual([
			{ type: 'heading', text: 'Kop' },
			{ type: 'paragraph', text: 'Een vette en schuine zin met code.' },
			{ type: 'list', ordered: false, items: ['een', 'twee met link (https://example.org)'] },
			{ type: 'list', ordered: true, items: ['eerst', 'dan'] }
		]);
	});

	it('shows raw HTML and images as their text, and a link on this site by its words only', () => {
		expect(
			markdownBlocks('<script>alert(1)</script>\n\n![een foto](x.png) & [hulp](/hulp) <b>vet</b>')
		).toEqual([
			{ type: 'paragraph', text: '<script>alert(1)</script>' },
			{ type: 'paragraph', text: 'een foto & hulp <b>vet</b>' }
		]);
	});

	it('reads quotes, nested lists and tables, and leaves out what has no words', () => {
		expect(
			markdownBlocks('> Een citaat\n\n---\n\n- buiten\n  - binnen\n\n| a | b |\n|---|---|\n| 1 | 2 |')
		).toEqual([
			{ type: 'paragraph', text: 'Een citaat' },
			{ type: 'list', ordered: false, items: ['buiten binnen'] },
			{ type: 'paragraph', text: 'a · b' },
			{ type: 'paragraph', text: '1 · 2' }
		]);
		expect(markdownBlocks('')).toEqual([]);
	});
});
