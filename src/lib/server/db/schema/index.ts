/**
 * The database schema, one file per capability. Importers use `$lib/server/db/schema` (this file);
 * drizzle-kit reads the whole folder (drizzle.config.ts). Migrations are generated from it with
 * `npm run db:generate` and committed in drizzle/.
 */
export * from './auth';
export * from './organisations-people';
export * from './groups';
export * from './sign-in';
export * from './audit';
export * from './media';
export * from './curriculum';
export * from './goals';
export * from './forms';
export * from './reminders';
export * from './guidance';
export * from './calendar';
export type { LocalisedText } from './common';
export * from './live';
export * from './board';
export * from './plan';
export * from './toolbox';
export * from './measures';
export * from './fidelity';
export * from './fhir';
export * from './privacy';
export * from './usage';
export * from './research';
