/** drizzle-kit reads every table in the schema folder (core + auth) and writes SQL migrations to ./drizzle. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema',
  out: './drizzle',
});
