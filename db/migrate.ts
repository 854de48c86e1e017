/** Applies the committed migrations to the configured database: `npm run db:migrate`. */
import { migrateDatabase, openDatabase, resolveDatabasePath } from './connection';

const file = resolveDatabasePath();
const db = openDatabase(file);
migrateDatabase(db);
db.$client.close();
console.log(`Migrations applied to ${file}`);
