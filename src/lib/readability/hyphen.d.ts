// The hyphen package (Liang's hyphenation with TeX patterns) ships no types; we use the synchronous
// hyphenator of its Dutch patterns only.
interface HyphenOptions {
	hyphenChar?: string;
	minWordLength?: number;
	exceptions?: string[];
}
interface Hyphenator {
	hyphenateSync(text: string, options?: HyphenOptions): string;
}
declare module 'hyphen/nl' {
	const hyphenator: Hyphenator;
	export default hyphenator;
}
