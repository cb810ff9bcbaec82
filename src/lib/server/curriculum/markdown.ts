/**
 * Markdown for curriculum texts, rendered to HTML that is safe by construction: raw HTML is shown as
 * text, links go only to http(s), mailto or same-site addresses, and images become their alt text.
 * Coordinators write these texts; participants read them.
 */
import { Marked, type Tokens } from 'marked';

const escapes: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => escapes[char]!);
}

/** Whether a link target is allowed: https/http/mailto, or a path on this site. */
export function isSafeHref(href: string): boolean {
	const trimmed = href.trim();
	if (/^\/(?!\/|\\)/.test(trimmed)) return true;
	try {
		return ['https:', 'http:', 'mailto:'].includes(new URL(trimmed).protocol);
	} catch {
		return false;
	}
}

const markdown = new Marked({
	gfm: true,
	breaks: false,
	async: false,
	renderer: {
		html({ text }: Tokens.HTML | Tokens.Tag) {
			return escapeHtml(text);
		},
		image({ text }: Tokens.Image) {
			return escapeHtml(text);
		},
		link(this: { parser: { parseInline: (tokens: Tokens.Generic[]) => string } }, token: Tokens.Link) {
			const label = this.parser.parseInline(token.tokens);
			if (!isSafeHref(token.href)) return label;
			const external = !token.href.startsWith('/');
			const attributes = external ? ' rel="noopener noreferrer external"' : '';
			return `<a href="${escapeHtml(token.href.trim())}"${attributes}>${label}</a>`;
		}
	}
});

/** Safe HTML for a Markdown text. */
export function renderMarkdown(source: string): string {
	return markdown.parse(source, { async: false });
}
