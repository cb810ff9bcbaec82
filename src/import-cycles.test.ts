/**
 * No import cycles among the app's own modules (issue 16): a cycle makes the order in which modules
 * start up depend on which one is imported first, and hid the composition root behind the
 * capabilities (runtime.ts → demo → calendar → runtime.ts). Every .ts/.js module under src/ (tests,
 * declarations and the generated Paraglide code left out) and its static imports, relative or
 * `$lib/`; type-only imports are left out, because they vanish when the code is built.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function modules(): string[] {
	const found: string[] = [];
	for (const entry of fs.readdirSync(path.join(root, 'src'), { withFileTypes: true, recursive: true })) {
		if (!entry.isFile() || !/\.(ts|js)$/.test(entry.name) || /\.test\.ts$|\.d\.ts$/.test(entry.name))
			continue;
		const file = path.relative(root, path.join(entry.parentPath, entry.name));
		if (!file.startsWith('src/lib/paraglide/')) found.push(file);
	}
	return found.sort();
}

/** The module specifiers a file loads when it runs: static imports and re-exports, not type-only ones. */
export function runtimeImports(fileName: string, text: string): string[] {
	const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
	const found: string[] = [];
	for (const statement of source.statements) {
		if (ts.isImportDeclaration(statement)) {
			const clause = statement.importClause;
			if (clause?.isTypeOnly) continue;
			// `import { type A, type B } from …` loads nothing either.
			const bindings = clause?.namedBindings;
			const onlyTypes =
				clause &&
				!clause.name &&
				bindings &&
				ts.isNamedImports(bindings) &&
				bindings.elements.length > 0 &&
				bindings.elements.every((element) => element.isTypeOnly);
			if (!onlyTypes && ts.isStringLiteral(statement.moduleSpecifier))
				found.push(statement.moduleSpecifier.text);
		} else if (ts.isExportDeclaration(statement)) {
			if (statement.isTypeOnly || !statement.moduleSpecifier) continue;
			const clause = statement.exportClause;
			const onlyTypes =
				clause &&
				ts.isNamedExports(clause) &&
				clause.elements.length > 0 &&
				clause.elements.every((element) => element.isTypeOnly);
			if (!onlyTypes && ts.isStringLiteral(statement.moduleSpecifier))
				found.push(statement.moduleSpecifier.text);
		}
	}
	return found;
}

function resolveImport(from: string, specifier: string, known: Set<string>): string | null {
	let base: string;
	if (specifier.startsWith('$lib/')) base = path.join('src/lib', specifier.slice('$lib/'.length));
	else if (specifier.startsWith('.')) base = path.join(path.dirname(from), specifier);
	else return null;
	for (const candidate of [
		base,
		base.replace(/\.js$/, '.ts'),
		`${base}.ts`,
		`${base}.js`,
		path.join(base, 'index.ts')
	])
		if (known.has(candidate)) return candidate;
	return null;
}

/** The strongly connected components with more than one module (Tarjan), each sorted. */
export function cyclesOf(graph: Map<string, string[]>): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	const visit = (node: string) => {
		index.set(node, counter);
		low.set(node, counter++);
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			if (!index.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
		}
		if (low.get(node) !== index.get(node)) return;
		const component: string[] = [];
		let member: string;
		do {
			member = stack.pop()!;
			onStack.delete(member);
			component.push(member);
		} while (member !== node);
		if (component.length > 1) cycles.push(component.sort());
	};
	for (const node of graph.keys()) if (!index.has(node)) visit(node);
	return cycles;
}

describe('import cycles', () => {
	it('finds cycles, and leaves type-only imports out', () => {
		const graph = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a']],
			['d', ['a']]
		]);
		expect(cyclesOf(graph)).toEqual([['a', 'b', 'c']]);
		const text = `import type { A } from './a';
			import { type B } from './b';
			import { c, type C } from './c';
			export type { D } from './d';
			export { e } from './e';
			export * from './f';
			import './g';`;
		expect(runtimeImports('x.ts', text)).toEqual(['./c', './e', './f', './g']);
	});

	it('has none among the modules under src/', () => {
		const files = modules();
		const known = new Set(files);
		const graph = new Map(
			files.map((file) => [
				file,
				runtimeImports(file, fs.readFileSync(path.join(root, file), 'utf8'))
					.map((specifier) => resolveImport(file, specifier, known))
					.filter((target): target is string => target !== null)
			])
		);
		const inCycles = cyclesOf(graph).flat().sort();
		expect(inCycles, 'modules in an import cycle').toEqual([]);
		// Parsing every module takes a few seconds on a busy machine.
	}, 60_000);
});
