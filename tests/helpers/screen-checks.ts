/**
 * The checks the screen walker (tests/e2e/walker.test.ts) makes on every screen, all on one page
 * visit: each returns the problems it found as plain sentences (empty when the screen passes), so
 * one run names every screen that fails and why.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe with the rules of expectAccessible (tests/e2e/browser.ts): WCAG 2.0–2.2 A/AA and target-size.
 * Run in the page itself, and only for violations: AxeBuilder opens a second page for every check
 * and collects every passing node too, which made the walk four times slower.
 */
export async function axeProblems(page: Page): Promise<string[]> {
	// As a script of its own (a page's content security policy does not apply to it).
	await page.evaluate(axe.source);
	const violations = await page.evaluate(async () => {
		const results = await (window as unknown as { axe: typeof axe }).axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
			rules: { 'target-size': { enabled: true } },
			resultTypes: ['violations']
		});
		return results.violations.map((v) => ({
			id: v.id,
			help: v.help,
			targets: v.nodes.map((n) => n.target.join(' '))
		}));
	});
	return violations.map((v) => `axe ${v.id}: ${v.help} (${v.targets.join(', ')})`);
}

/** What a participant screen holds, counted as documented in README.md (testing): see `flatCounts`. */
export interface FlatCounts {
	links: number;
	navs: number;
	words: number;
	/** The paths (with query) of the same-origin links, for the steps-from-home walk. */
	hrefs: string[];
}

/**
 * The flat-explicit counts of PRODUCT.md, counted precisely:
 * - links: every visible `a[href]` in the page's header, navigation and main content (the whole
 *   body), except the skip link (it shows only on focus, for keyboard users);
 * - navigation areas: visible `nav` elements and elements with role="navigation";
 * - words of body text: the words of the visible text of `main` (innerText: hidden text is not
 *   read) that hold a letter or digit ("—" or "·" is no word), without the headings, the buttons'
 *   labels and select lists (one choice shows at a time): body text is what a person reads through,
 *   headings and buttons are the signposts they scan. Links and field labels count.
 */
export function flatCounts(page: Page): Promise<FlatCounts> {
	return page.evaluate(() => {
		const visible = (el: Element) => {
			const box = el.getBoundingClientRect();
			const style = getComputedStyle(el);
			return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
		};
		const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href]:not(.skip-link)')].filter(
			visible
		);
		const navs = [...document.querySelectorAll('nav, [role="navigation"]')].filter(visible);
		const main = document.querySelector('main');
		const count = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
		const signposts = 'h1, h2, h3, h4, h5, h6, button, select';
		let words = main ? count(main.innerText) : 0;
		for (const el of main?.querySelectorAll<HTMLElement>(signposts) ?? [])
			if (el.getClientRects().length > 0 && !el.parentElement?.closest(signposts))
				words -= count(el.innerText);
		const hrefs = links
			.map((a) => new URL(a.href, location.href))
			.filter((url) => url.origin === location.origin)
			.map((url) => url.pathname + url.search);
		return { links: links.length, navs: navs.length, words, hrefs };
	});
}

/**
 * Running motion while the screen asks for reduced motion: animations longer than 0.01 s that run,
 * and elements with a CSS transition or animation of more than 0.01 s.
 */
export function motionProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const seconds = (value: string) =>
			Math.max(
				...value.split(',').map((part) => (part.trim().endsWith('ms') ? 0.001 : 1) * parseFloat(part))
			);
		const found: string[] = [];
		for (const animation of document.getAnimations()) {
			const timing = animation.effect?.getComputedTiming();
			const duration = typeof timing?.duration === 'number' ? timing.duration : 0;
			if (animation.playState === 'running' && duration > 10)
				found.push(`a running animation of ${duration} ms under reduced motion`);
		}
		for (const el of document.querySelectorAll<HTMLElement>('body *')) {
			const style = getComputedStyle(el);
			const transition = style.transitionProperty !== 'none' ? seconds(style.transitionDuration) : 0;
			const animation = style.animationName !== 'none' ? seconds(style.animationDuration) : 0;
			if (Math.max(transition, animation) > 0.01)
				found.push(
					`${el.tagName.toLowerCase()}.${el.className}: ${transition > 0.01 ? 'transition' : 'animation'} under reduced motion`
				);
		}
		return found.slice(0, 5);
	});
}

/**
 * Horizontal scrolling of the page at the current width; names the widest elements that stick out,
 * so the fix is found fast.
 */
export function scrollProblems(page: Page, what: string): Promise<string[]> {
	return page.evaluate((label) => {
		const root = document.scrollingElement ?? document.documentElement;
		if (root.scrollWidth <= root.clientWidth) return [];
		const width = root.clientWidth;
		const wide = [...document.querySelectorAll<HTMLElement>('body *')]
			.filter((el) => el.getBoundingClientRect().right > width + 1)
			.filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1)
			.slice(0, 4)
			.map(
				(el) =>
					`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} (${Math.round(el.getBoundingClientRect().right)} px)`
			);
		return [`${label}: scrolls sideways, ${root.scrollWidth} px in ${width} px: ${wide.join(', ')}`];
	}, what);
}

/**
 * Text cut off by an element that hides its overflow (what a larger text size would hide): the
 * element holds text and its content is wider or taller than its box. Screen-reader-only text
 * (1 px boxes) is meant to be clipped.
 */
export function clippedTextProblems(page: Page, what: string): Promise<string[]> {
	return page.evaluate((label) => {
		const found: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('body *')) {
			const style = getComputedStyle(el);
			const hidesX = ['hidden', 'clip'].includes(style.overflowX);
			const hidesY = ['hidden', 'clip'].includes(style.overflowY);
			if (!hidesX && !hidesY) continue;
			if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
			if (!el.innerText?.trim()) continue;
			const cutX = hidesX && el.scrollWidth > el.clientWidth + 1;
			const cutY = hidesY && el.scrollHeight > el.clientHeight + 1;
			if (cutX || cutY)
				found.push(
					`${label}: text cut off in ${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} ("${el.innerText.trim().slice(0, 30)}")`
				);
		}
		return found.slice(0, 4);
	}, what);
}

/**
 * In forced-colours mode backgrounds are replaced, so a button or field shows only by its border:
 * every visible button, button-styled link and field keeps a border of at least 1 px, and the first
 * control of the main content, focused, shows an outline.
 */
export function forcedColourProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		const targets = document.querySelectorAll<HTMLElement>(
			// Radios, check boxes and file pickers are drawn by the system, with its own borders.
			'button, .button, input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=file]), select, textarea'
		);
		for (const el of targets) {
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
			if (el.closest('.visually-hidden')) continue;
			const style = getComputedStyle(el);
			const sides = ['Top', 'Right', 'Bottom', 'Left'] as const;
			const bordered = sides.every(
				(side) =>
					parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) >= 1 &&
					style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none'
			);
			if (!bordered)
				found.push(
					`forced colours: ${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('name') || '').trim().slice(0, 30)}" has no border`
				);
		}
		// Box shadows are dropped in forced colours: the focus must still show, by its outline.
		const first = document.querySelector<HTMLElement>(
			'main a[href], main button, main input:not([type=hidden]), main select, main textarea'
		);
		if (first) {
			first.focus();
			const style = getComputedStyle(first);
			if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0)
				found.push(`forced colours: the focus on ${first.tagName.toLowerCase()} shows no outline`);
			first.blur();
		}
		return found.slice(0, 4);
	});
}

/**
 * The focused element shows a focus indicator (an outline or a box-shadow) and is not covered by a
 * sticky or fixed bar: the element at its centre is it, or inside it. Returns what is wrong, or
 * nothing.
 */
export function focusProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return ['nothing has focus'];
		const name = `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim().slice(0, 30)}"`;
		const found: string[] = [];
		const style = getComputedStyle(el);
		const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
		const shadow = style.boxShadow !== 'none';
		// A radio or check box shows its focus on its label (.choice:focus-within) or itself.
		const label = el.closest('label');
		const labelShows =
			label &&
			(getComputedStyle(label).outlineStyle !== 'none' || getComputedStyle(label).boxShadow !== 'none');
		if (!outline && !shadow && !labelShows) found.push(`${name}: no visible focus indicator`);
		const box = el.getBoundingClientRect();
		const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
		const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
		const top = document.elementFromPoint(x, y);
		if (top && !el.contains(top) && !top.contains(el) && !(label && label.contains(top))) {
			let cover: Element | null = top;
			while (cover && !['sticky', 'fixed'].includes(getComputedStyle(cover).position))
				cover = cover.parentElement;
			if (cover)
				found.push(
					`${name}: covered by a ${getComputedStyle(cover).position} ${cover.tagName.toLowerCase()}`
				);
		}
		return found;
	});
}
