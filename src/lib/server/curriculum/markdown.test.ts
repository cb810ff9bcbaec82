import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeHref, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('renders paragraphs, emphasis and lists', () => {
		expect(renderMarkdown('Een **sterke** zin.\n\n- een\n- twee')).toBe(
			'<p>Een <strong>sterke</strong> zin.</p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n'
		);
	});
	it('shows raw HTML as text and drops unsafe links and images', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1)) ![foto](https://x.nl/a.png)'
		);
		expect(html).not.toMatch(/<script|<img|href="javascript/i);
		expect(html).toContain('&lt;script&gt;');
		expect(html).toContain('klik');
	});
	it('keeps https and same-site links, marked external where they leave the site', () => {
		expect(renderMarkdown('[113](https://www.113.nl)')).toContain(
			'<a href="https://www.113.nl" rel="noopener noreferrer external">113</a>'
		);
		expect(renderMarkdown('[Hulp](/hulp)')).toContain('<a href="/hulp">Hulp</a>');
	});
	it('never lets a tag or an unsafe link through, whatever the text', () => {
		fc.assert(
			fc.property(
				fc.string(),
				fc.constantFrom('<script>', '<iframe src=x>', '<a href="javascript:x">', '<svg onload=x>'),
				(text, tag) => {
					const html = renderMarkdown(`${text}${tag}${text}`);
					expect(html).not.toMatch(/<(script|iframe|svg)|href="javascript/i);
				}
			)
		);
	});
});

describe('isSafeHref', () => {
	it('allows web, mail and same-site addresses only', () => {
		expect(isSafeHref('https://a.nl')).toBe(true);
		expect(isSafeHref('mailto:a@b.nl')).toBe(true);
		expect(isSafeHref('/modules')).toBe(true);
		expect(isSafeHref('//evil.example')).toBe(false);
		expect(isSafeHref('javascript:alert(1)')).toBe(false);
		expect(isSafeHref('data:text/html,x')).toBe(false);
	});
});
