/**
 * The page's <html> tag as src/app.html writes it: the request's language (WCAG 3.1.1) and text
 * size are filled in for every page, in one replacement (one copy of the page).
 */
export const HTML_TAG = '<html lang="%lang%" data-tekst="%tekst%"';

export function fillHtmlTag(html: string, locale: string, textSize: string): string {
	return html.replace(HTML_TAG, `<html lang="${locale}" data-tekst="${textSize}"`);
}
