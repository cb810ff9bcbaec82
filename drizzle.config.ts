import { defineConfig } from 'drizzle-kit';

// `out` can be redirected so scripts/check-migrations.js can generate into a scratch copy.
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema',
	out: process.env.DRIZZLE_OUT ?? './drizzle',
	strict: true,
	verbose: false
});
