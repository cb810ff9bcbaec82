import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameChunk } from './frame-chunk.js';

// A small project on disk: the root layout imports a toolbar; a page imports a chart; three pages
// show the app's name, one of them shows help. The module
// graph is what the bundler reports for it (importedIds per module).
let root: string;
const file = (relative: string) => path.join(root, relative);

beforeAll(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-chunk-'));
	const files: Record<string, string> = {
		'src/routes/+layout.svelte': '<Toolbar />{m.skip_to_content()}',
		'src/lib/components/Toolbar.svelte': '<nav aria-label={m.toolbar_label()}></nav>',
		'src/routes/+page.svelte': '<Chart />{m.home_title()} {m.app_name()}',
		'src/routes/hulp/+page.svelte': '{m.help_title()} {m.app_name()}',
		'src/routes/modules/+page.svelte': '{m.app_name()}',
		'src/lib/components/Chart.svelte': '<figure>{m.chart_caption()}</figure>'
	};
	for (const [name, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(file(name)), { recursive: true });
		fs.writeFileSync(file(name), text);
	}
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function graph(): { getModuleInfo(id: string): { importedIds: string[] } | null } {
	const messages = [
		'skip_to_content',
		'toolbar_label',
		'home_title',
		'chart_caption',
		'help_title',
		'app_name'
	].map((key) => file(`src/lib/paraglide/messages/${key}.js`));
	const imports: Record<string, string[]> = {
		[file('src/routes/+layout.svelte')]: [
			file('src/lib/components/Toolbar.svelte'),
			file('src/lib/paraglide/messages.js'),
			'/project/node_modules/svelte/src/internal/client/index.js'
		],
		[file('src/lib/components/Toolbar.svelte')]: [file('src/lib/paraglide/messages.js')],
		[file('src/lib/paraglide/messages.js')]: [file('src/lib/paraglide/messages/_index.js')],
		[file('src/lib/paraglide/messages/_index.js')]: messages,
		[file('src/routes/+page.svelte')]: [file('src/lib/components/Chart.svelte')]
	};
	return { getModuleInfo: (id) => (id in imports ? { importedIds: imports[id]! } : { importedIds: [] }) };
}

type NameFunction = (id: string, graph: ReturnType<typeof graph>) => string | null;

function groupName(ssr: boolean, viteRoot = '/somewhere/else'): NameFunction | undefined {
	const plugin = (viteRoot === root ? frameChunk() : frameChunk(root)) as unknown as {
		configResolved(config: { build: { ssr: boolean }; root: string }): void;
		buildStart(): void;
		outputOptions(options: object): { codeSplitting: { groups: { name: NameFunction }[] } } | undefined;
	};
	plugin.configResolved({ build: { ssr }, root: viteRoot });
	plugin.buildStart();
	return plugin.outputOptions({})?.codeSplitting.groups[0]?.name;
}

describe('frameChunk', () => {
	it('puts our modules the root layout imports, and the messages they use, in one chunk', () => {
		const name = groupName(false)!;
		const modules = graph();
		expect(name(file('src/lib/components/Toolbar.svelte'), modules)).toBe('frame');
		expect(name(file('src/lib/paraglide/messages/skip_to_content.js'), modules)).toBe('frame');
		expect(name(file('src/lib/paraglide/messages/toolbar_label.js'), modules)).toBe('frame');
	});

	it('puts a message at least half of the pages use in it too', () => {
		const name = groupName(false)!;
		expect(name(file('src/lib/paraglide/messages/app_name.js'), graph())).toBe('frame');
	});

	it('leaves pages, their components and messages, and other packages to the bundler', () => {
		const name = groupName(false)!;
		const modules = graph();
		expect(name(file('src/lib/components/Chart.svelte'), modules)).toBeNull();
		expect(name(file('src/lib/paraglide/messages/home_title.js'), modules)).toBeNull();
		expect(name(file('src/lib/paraglide/messages/chart_caption.js'), modules)).toBeNull();
		expect(name(file('src/lib/paraglide/messages/help_title.js'), modules)).toBeNull();
		expect(name('/project/node_modules/svelte/src/internal/client/index.js', modules)).toBeNull();
	});

	it("finds the project through Vite's root when not told", () => {
		const name = groupName(false, root)!;
		expect(name(file('src/lib/components/Toolbar.svelte'), graph())).toBe('frame');
	});

	it('does not change the server build', () => {
		expect(groupName(true)).toBeUndefined();
	});
});
