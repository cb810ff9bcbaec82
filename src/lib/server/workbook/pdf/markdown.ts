/**
 * Curriculum Markdown as the printed workbook writes it: headings, paragraphs and lists of plain
 * text. Emphasis is dropped (the PDF's text is read aloud as it is), a link keeps its words and
 * shows where it goes, an image its alt text, raw HTML its source as text — as on screen
 * (../../curriculum/markdown.ts), nothing is interpreted.
 */
import { Lexer, type Token, type Tokens } from 'marked';

export type Block =
	| { type: 'heading'; text: string }
	| { type: 'paragraph'; text: string }
	| { type: 'list'; ordered: boolean; items: string[] };

/** The blocks of a Markdown text, in order; empty ones left out. */
export function markdownBlocks(source: string): Block[] {
	const blocks: Block[] = [];
	for (const token of Lexer.lex(source, { gfm: true })) blocks.push(...blocksOf(token));
	return blocks.filter((block) => (block.type === 'list' ? block.items.length > 0 : block.text !== ''));
}

function blocksOf(token: Token): Block[] {
	switch (token.type) {
		case 'heading':
			return [{ type: 'heading', text: inline((token as Tokens.Heading).tokens) }];
		case 'paragraph':
			return [{ type: 'paragraph', text: inline((token as Tokens.Paragraph).tokens) }];
		case 'list': {
			const list = token as Tokens.List;
			return [
				{
					type: 'list',
					ordered: list.ordered,
					items: list.items.map((item) => flatten(item.tokens)).filter(Boolean)
				}
			];
		}
		case 'blockquote':
			return (token as Tokens.Blockquote).tokens.flatMap(blocksOf);
		case 'code':
		case 'html':
			return [{ type: 'paragraph', text: clean((token as Tokens.Code | Tokens.HTML).text) }];
		case 'table': {
			const table = token as Tokens.Table;
			const rows = [table.header, ...table.rows].map((row) =>
				row.map((cell) => inline(cell.tokens)).join(' · ')
			);
			return rows.map((text) => ({ type: 'paragraph', text }));
		}
		case 'text':
			return [{ type: 'paragraph', text: flatten([token]) }];
		default:
			// space, hr, def and the like carry no words
			return [];
	}
}

/** The words of block tokens inside a list item, one line. */
function flatten(tokens: Token[]): string {
	return clean(
		tokens
			.map((token) => {
				if (token.type === 'list')
					return (token as Tokens.List).items.map((item) => flatten(item.tokens)).join('; ');
				if ('tokens' in token && Array.isArray(token.tokens) && token.type !== 'link')
					return inline(token.tokens);
				return inline([token]);
			})
			.join(' ')
	);
}

/** Inline tokens as plain text. */
function inline(tokens: Token[] | undefined): string {
	if (!tokens) return '';
	return clean(
		tokens
			.map((token) => {
				switch (token.type) {
					case 'link': {
						const link = token as Tokens.Link;
						const words = inline(link.tokens);
						const href = link.href.trim();
						// A link whose words are its address says it once.
						return words === href || href.startsWith('/') ? words : `${words} (${href})`;
					}
					case 'image':
						return (token as Tokens.Image).text;
					case 'br':
						return ' ';
					case 'codespan':
					case 'html':
						return (token as Tokens.Codespan).text;
					default:
						if ('tokens' in token && Array.isArray(token.tokens)) return inline(token.tokens);
						return 'text' in token && typeof token.text === 'string' ? decode(token.text) : '';
				}
			})
			.join('')
	);
}

const entities: Record<string, string> = {
	'&amp;': '&',
	'&lt;': '<',
	'&gt;': '>',
	'&quot;': '"',
	'&#39;': "'"
};

/** marked escapes these in text tokens; the PDF shows the characters. */
function decode(text: string): string {
	return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity]!);
}

function clean(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}
