import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { PERSONAL_KEY_BYTES, SEALING_IV_BYTES, openPersonalValues, sealPersonal, sealedSubjects } from '@/lib/audit/personal';
import { prepareOnce } from './prepared';
import { personalKeys } from './schema';
import type { DatabaseOrTransaction } from './transaction';

const selectKey = (db: DatabaseOrTransaction) =>
  db.select({ key: personalKeys.key }).from(personalKeys).where(eq(personalKeys.userId, sql.placeholder('userId'))).prepare();
const insertKey = (db: DatabaseOrTransaction) => db.insert(personalKeys).values({ userId: sql.placeholder('userId'), key: sql.placeholder('key') }).prepare();

/**
 * `text`, about person `userId`, sealed with their key (made on first use) for an append-only record: purging
 * the person erases it. Call within the transaction that writes the record.
 */
export function sealPersonalValue(db: DatabaseOrTransaction, userId: number, text: string): string {
  let key = prepareOnce(db, selectKey).get({ userId })?.key;
  if (!key) {
    key = randomBytes(PERSONAL_KEY_BYTES);
    prepareOnce(db, insertKey).run({ userId, key });
  }
  return sealPersonal(userId, key, randomBytes(SEALING_IV_BYTES), text);
}

/** Like sealPersonalValue, with null kept as null. */
export function sealPersonalOrNull(db: DatabaseOrTransaction, userId: number, text: string | null): string | null {
  return text === null ? null : sealPersonalValue(db, userId, text);
}

/**
 * `value` (a record, a list of them, a summary) as people should read it: every sealed value opened, "[erased]"
 * for those of people since purged. One query for the keys of everyone it mentions.
 */
export function openPersonalData<T>(db: DatabaseOrTransaction, value: T): T {
  const subjects = sealedSubjects(value);
  if (subjects.size === 0) return value;
  const rows = db.select().from(personalKeys).where(inArray(personalKeys.userId, [...subjects])).all();
  const keys = new Map(rows.map((row) => [row.userId, row.key]));
  return openPersonalValues(value, (userId) => keys.get(userId));
}

/** The fields of a person's record that identify them, wherever a summary repeats them. */
const IDENTIFYING_FIELDS = new Set(['email', 'name', 'jobTitle', 'ssoSubject', 'subject']);

/** `values` with its identifying fields (e-mail, name, job title, SSO subject) sealed for person `userId`. */
export function sealIdentifyingFields<T extends Readonly<Record<string, unknown>>>(db: DatabaseOrTransaction, userId: number, values: T): T {
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [field, IDENTIFYING_FIELDS.has(field) && typeof value === 'string' ? sealPersonalValue(db, userId, value) : value]),
  ) as T;
}
