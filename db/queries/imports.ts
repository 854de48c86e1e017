import { desc, eq, ne } from 'drizzle-orm';
import type { RowError } from '@/lib/import/types';
import type { AppDatabase } from '../connection';
import { imports, users } from '../schema';

/** Past imports of one kind, newest first, with who ran them and their row errors: devices (files and API), or people (HR files). */
export function listImports(db: AppDatabase, { limit = 50, kind = 'devices' }: { limit?: number; kind?: 'devices' | 'people' } = {}) {
  return db
    .select({
      id: imports.id,
      format: imports.format,
      fileName: imports.fileName,
      fileSha256: imports.fileSha256,
      rowsRead: imports.rowsRead,
      rowsAccepted: imports.rowsAccepted,
      rowsRejected: imports.rowsRejected,
      rowErrors: imports.rowErrors,
      startedAt: imports.startedAt,
      finishedAt: imports.finishedAt,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.actorId))
    .where(kind === 'people' ? eq(imports.format, 'hr') : ne(imports.format, 'hr'))
    .orderBy(desc(imports.startedAt), desc(imports.id))
    .limit(limit)
    .all()
    .map((row) => ({ ...row, rowErrors: (Array.isArray(row.rowErrors) ? row.rowErrors : []) as RowError[] }));
}

export type ImportHistoryRow = ReturnType<typeof listImports>[number];
