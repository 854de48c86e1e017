/**
 * Stands in for `@/db` (the app's database handle) in integration tests of actions, pages and route handlers:
 * `vi.mock('@/db', () => import('../helpers/seeded-app-db'))`. Each test file gets its own seeded organisation.
 */
import { createSeededDatabase } from './database';

export const db = createSeededDatabase();
