import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'bench/empty-kit/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'src/lib/paraglide/',
			'drizzle/',
			// scripts/check-migrations.js makes and removes it while the lint runs beside it (npm test).
			'.drizzle-check/',
			'test-results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: {
					allowDefaultProject: ['drizzle.config.ts', 'bench/*.ts', 'scripts/*.test.ts'],
					// Nine files match today (the benchmarks in vitest among them); the default allows eight.
					maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 12
				},
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	{
		// The service worker has its own project: SvelteKit's tsconfig leaves it out (webworker library).
		files: ['src/service-worker.ts'],
		languageOptions: {
			parserOptions: {
				projectService: false,
				project: './tsconfig.sw.json',
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/switch-exhaustiveness-check': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Routes reach the database only through $lib/server/<capability> queries and commands.
			'no-restricted-imports': 'off',
			// No base path is configured, so plain hrefs are right; resolve() would only add noise.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server/db/*', '**/server/db/*'],
							message: 'Routes use queries and commands, not the raw database.'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.js'],
		...ts.configs.disableTypeChecked
	}
);
