import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';
import { SECTORS, type Sector } from '@/lib/policy/constants';
import { headerKey, readCsvUpload } from './csv';
import { DEFAULT_IMPORT_MAX_BYTES } from './decode';
import type { RowError } from './types';

/**
 * The HR import, framework-free: an HR system's CSV of people (e-mail, name, team, manager e-mail, role, and
 * optionally sector and job title) → normalised records and row errors. Checks that need only the file are
 * made here (addresses, roles, sectors, the same e-mail twice, one team given two sectors); db/commands/hr-import
 * checks the rest against the organisation and applies the file.
 */

/** The fields an HR file can fill. */
export const HR_FIELDS = ['email', 'name', 'team', 'managerEmail', 'role', 'sector', 'jobTitle'] as const;
export type HrField = (typeof HR_FIELDS)[number];

/** Fields whose column must be in the file. */
export const HR_REQUIRED_FIELDS: readonly HrField[] = ['email', 'name', 'team'];

/** Headers recognised for each field, compared with `headerKey` (case, spacing and punctuation ignored). */
export const HR_HEADERS: Readonly<Record<HrField, readonly string[]>> = {
  email: ['email', 'e-mail', 'work email', 'email address', 'mail', 'upn', 'user principal name'],
  name: ['name', 'full name', 'display name', 'employee name'],
  team: ['team', 'teams', 'department'],
  managerEmail: ['manager email', 'manager e-mail', 'manager', 'line manager email', 'manager upn'],
  role: ['role', 'onchannel role', 'access role'],
  sector: ['sector', 'team sector'],
  jobTitle: ['job title', 'title', 'position'],
};

/** Columns of the template, in order. */
export const HR_TEMPLATE_HEADERS = ['email', 'name', 'team', 'manager_email', 'role', 'sector', 'job_title'] as const;

/** Longest name or job title, and longest team name, in characters (as the forms allow). */
const MAX_TEXT_LENGTH = 120;
const MAX_TEAM_NAME_LENGTH = 80;
/** Separator of several teams in one cell: a person may belong to several teams. */
const TEAM_SEPARATOR = /[;|]/;
const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;

/** One person as the HR file states them. Fields the file has no column for are undefined. */
export interface HrRecord {
  row: number;
  /** Lower-case. */
  email: string;
  name: string;
  /** Team names as written (spacing tidied), in file order, without repeats. */
  teams: string[];
  /** Lower-case; null when the cell is empty; undefined when the file has no manager column. */
  managerEmail: string | null | undefined;
  /** Null when the cell is empty (existing people keep theirs; new people are staff). */
  role: Role | null | undefined;
  /** The sector of the row's teams, needed for a team the organisation does not have yet. */
  sector: Sector | null | undefined;
  jobTitle: string | null | undefined;
}

/** A file read and checked, ready to preview or apply. */
export interface PreparedHrImport {
  headers: string[];
  /** Field → the header read for it, or null. */
  columns: Record<HrField, string | null>;
  rowsRead: number;
  records: HrRecord[];
  errors: RowError[];
}

/** How team names are compared: case and spacing ignored ("Trading  desk" = "trading desk"). */
export function teamKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A role from its id or label, case ignored ("Compliance officer" → officer); undefined when unknown. */
export function parseRole(text: string): Role | undefined {
  const key = headerKey(text);
  return ROLES.find((role) => headerKey(role) === key || headerKey(ROLE_LABELS[role]) === key || (role === 'admin' && key === 'administrator'));
}

function parseSector(text: string): Sector | undefined {
  const key = headerKey(text);
  return SECTORS.find((sector) => sector === key || (sector === 'law' && key === 'legal') || (sector === 'government' && key === 'publicsector'));
}

/**
 * Reads an HR CSV. Refuses the whole file (too large, binary, not CSV, a required column missing, no data
 * rows) with one sentence; otherwise returns each row as a record or as row errors (every problem of a row is
 * listed). Rows naming an e-mail already used by an earlier row are errors naming that row.
 */
export function prepareHrImport(bytes: Uint8Array, { maxBytes = DEFAULT_IMPORT_MAX_BYTES }: { maxBytes?: number } = {}): ({ ok: true } & PreparedHrImport) | { ok: false; error: string } {
  const upload = readCsvUpload(bytes, { maxBytes });
  if (!upload.ok) return upload;
  const { table } = upload;
  const columns = Object.fromEntries(
    HR_FIELDS.map((field) => [field, table.headers.find((h) => HR_HEADERS[field].some((alias) => headerKey(alias) === headerKey(h))) ?? null]),
  ) as Record<HrField, string | null>;
  const missing = HR_REQUIRED_FIELDS.filter((field) => columns[field] === null);
  if (missing.length > 0) {
    return { ok: false, error: `The header row needs the columns ${HR_REQUIRED_FIELDS.map((f) => `“${HR_HEADERS[f][0]}”`).join(', ')}; missing: ${missing.map((f) => `“${HR_HEADERS[f][0]}”`).join(', ')}. Download the template to start from it.` };
  }
  if (table.rows.length === 0) return { ok: false, error: 'The file has a header row but no data rows.' };

  const index = Object.fromEntries(HR_FIELDS.map((f) => [f, columns[f] === null ? -1 : table.headers.indexOf(columns[f]!)])) as Record<HrField, number>;
  const errors: RowError[] = [];
  const records: HrRecord[] = [];
  const firstRowOf = new Map<string, number>();
  const sectorOfTeam = new Map<string, { sector: Sector; row: number }>();

  for (const { row, cells } of table.rows) {
    const cell = (field: HrField): string | undefined => (index[field] < 0 ? undefined : (cells[index[field]] ?? '').trim());
    const problems: RowError[] = [];
    const refuse = (field: HrField, reason: string) => problems.push({ row, column: columns[field] ?? field, reason });

    const email = (cell('email') ?? '').toLowerCase();
    if (!email) refuse('email', 'No e-mail address.');
    else if (!EMAIL.test(email) || email.length > 254) refuse('email', `“${email}” is not an e-mail address.`);
    else if (firstRowOf.has(email)) refuse('email', `${email} is also on row ${firstRowOf.get(email)}: each person must appear once (list several teams in one cell, separated by “;”).`);
    else firstRowOf.set(email, row);

    const name = (cell('name') ?? '').replace(/\s+/g, ' ');
    if (!name) refuse('name', 'No name.');
    else if (name.length > MAX_TEXT_LENGTH) refuse('name', `The name is longer than ${MAX_TEXT_LENGTH} characters.`);

    const teams: string[] = [];
    for (const part of (cell('team') ?? '').split(TEAM_SEPARATOR)) {
      const team = part.replace(/\s+/g, ' ').trim();
      if (!team || teams.some((t) => teamKey(t) === teamKey(team))) continue;
      if (team.length > MAX_TEAM_NAME_LENGTH) refuse('team', `The team name “${team.slice(0, 40)}…” is longer than ${MAX_TEAM_NAME_LENGTH} characters.`);
      teams.push(team);
    }

    const managerText = cell('managerEmail');
    const managerEmail = managerText === undefined ? undefined : managerText.toLowerCase() || null;
    if (managerEmail && !EMAIL.test(managerEmail)) refuse('managerEmail', `“${managerEmail}” is not an e-mail address.`);
    else if (managerEmail && managerEmail === email) refuse('managerEmail', 'A person cannot be their own manager: leave the cell empty on a team lead’s row.');
    if (managerEmail && teams.length === 0) refuse('managerEmail', 'A manager is named but no team: the manager manages the row’s teams.');

    const roleText = cell('role');
    const role = roleText === undefined ? undefined : roleText === '' ? null : parseRole(roleText);
    if (role === undefined && roleText) refuse('role', `“${roleText}” is not a role (staff, manager, officer or admin).`);

    const sectorText = cell('sector');
    const sector = sectorText === undefined ? undefined : sectorText === '' ? null : parseSector(sectorText);
    if (sector === undefined && sectorText) refuse('sector', `“${sectorText}” is not a sector (${SECTORS.join(', ')}).`);
    for (const team of sector ? teams : []) {
      const earlier = sectorOfTeam.get(teamKey(team));
      if (earlier && earlier.sector !== sector) refuse('sector', `Row ${earlier.row} gives ${team} the sector ${earlier.sector}; this row says ${sector}.`);
      else if (!earlier) sectorOfTeam.set(teamKey(team), { sector: sector!, row });
    }

    const jobText = cell('jobTitle');
    const jobTitle = jobText === undefined ? undefined : jobText.replace(/\s+/g, ' ') || null;
    if (jobTitle && jobTitle.length > MAX_TEXT_LENGTH) refuse('jobTitle', `The job title is longer than ${MAX_TEXT_LENGTH} characters.`);

    if (problems.length > 0) errors.push(...problems);
    else records.push({ row, email, name, teams, managerEmail, role, sector, jobTitle });
  }
  return { ok: true, headers: table.headers, columns, rowsRead: table.rows.length, records, errors };
}

/** Header and example rows of the HR template (example.com people: they match nobody). */
export function hrTemplateRows(): { headers: string[]; rows: string[][] } {
  return {
    headers: [...HR_TEMPLATE_HEADERS],
    rows: [
      ['jo.lead@example.com', 'Jo Lead', 'Trading desk', '', 'manager', 'finance', 'Head of trading'],
      ['sam.member@example.com', 'Sam Member', 'Trading desk', 'jo.lead@example.com', 'staff', 'finance', 'Trader'],
      ['alex.both@example.com', 'Alex Both', 'Trading desk; Sales', '', 'staff', 'finance', 'Sales trader'],
    ],
  };
}
