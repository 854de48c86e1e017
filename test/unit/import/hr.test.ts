import { describe, expect, it } from 'vitest';
import { hrTemplateRows, parseRole, prepareHrImport, teamKey } from '@/lib/import/hr';
import { planHrImport, type HrState } from '@/lib/import/hr-plan';
import { toCsv } from '@/lib/csv/write';

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string) => {
  const result = prepareHrImport(bytes(text));
  if (!result.ok) throw new Error(result.error);
  return result;
};

describe('reading an HR file', () => {
  it('recognises header aliases and normalises values', () => {
    const result = read('Work Email;Display Name;Department;Line manager email;Access role;Team sector;Position\r\n A@X.ORG ;Ann  Lee;Desk A | desk a ;B@x.org;Compliance officer;Legal;\r\n');
    expect(result.columns).toMatchObject({ email: 'Work Email', managerEmail: 'Line manager email', role: 'Access role', sector: 'Team sector', jobTitle: 'Position' });
    expect(result.records).toEqual([{ row: 2, email: 'a@x.org', name: 'Ann Lee', teams: ['Desk A'], managerEmail: 'b@x.org', role: 'officer', sector: 'law', jobTitle: null }]);
  });

  it('leaves fields without a column undefined (kept as they are) and empty cells null', () => {
    expect(read('email,name,team\na@x.org,Ann,\n').records[0]).toEqual({ row: 2, email: 'a@x.org', name: 'Ann', teams: [], managerEmail: undefined, role: undefined, sector: undefined, jobTitle: undefined });
    expect(read('email,name,team,role\na@x.org,Ann,,\n').records[0]?.role).toBeNull();
  });

  it.each([
    ['a missing required column', 'email,name\na@x.org,Ann\n', /needs the columns.*missing: “team”/],
    ['no data rows', 'email,name,team\n', /no data rows/],
    ['an Excel workbook', 'PK\u0003\u0004rest', /Excel/],
    ['an empty file', '', /empty/],
    ['an unclosed quote', 'email,name,team\n"a@x.org,Ann,Desk\n', /not valid CSV/],
  ])('refuses %s as a whole', (_name, text, message) => {
    expect(prepareHrImport(bytes(text))).toEqual({ ok: false, error: expect.stringMatching(message) });
  });

  it.each([
    ['no e-mail', ',Ann,Desk', 'email', /No e-mail/],
    ['a bad e-mail', 'ann@,Ann,Desk', 'email', /not an e-mail/],
    ['no name', 'a@x.org,,Desk', 'name', /No name/],
    ['a long name', `a@x.org,${'n'.repeat(121)},Desk`, 'name', /longer than 120/],
    ['a long team name', `a@x.org,Ann,${'t'.repeat(81)}`, 'team', /longer than 80/],
    ['an unknown role', 'a@x.org,Ann,Desk,,root', 'role', /not a role/],
    ['an unknown sector', 'a@x.org,Ann,Desk,,,retail', 'sector', /not a sector/],
    ['a bad manager e-mail', 'a@x.org,Ann,Desk,boss', 'manager_email', /not an e-mail/],
    ['their own manager', 'a@x.org,Ann,Desk,A@x.org', 'manager_email', /own manager/],
    ['a manager but no team', 'a@x.org,Ann,,b@x.org', 'manager_email', /no team/],
  ])('names the row with %s', (_name, line, column, reason) => {
    const result = read(`email,name,team,manager_email,role,sector\n${line}\n`);
    expect(result.records).toEqual([]);
    expect(result.errors).toContainEqual({ row: 2, column, reason: expect.stringMatching(reason) });
  });

  it('refuses the same e-mail twice and one team given two sectors, naming the first row', () => {
    const result = read('email,name,team,sector\na@x.org,Ann,Desk,law\nA@X.org,Ann,Desk,\nb@x.org,Bo,desk,finance\n');
    expect(result.errors).toEqual([
      { row: 3, column: 'email', reason: expect.stringContaining('also on row 2') },
      { row: 4, column: 'sector', reason: expect.stringMatching(/Row 2 gives desk the sector law/i) },
    ]);
  });

  it('reads its own template', () => {
    const { headers, rows } = hrTemplateRows();
    const result = read(toCsv(headers, rows));
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => r.teams)).toEqual([['Trading desk'], ['Trading desk'], ['Trading desk', 'Sales']]);
  });

  it('matches roles by id or label and teams by name, case and spacing ignored', () => {
    expect([parseRole('Administrator'), parseRole('ADMIN'), parseRole('Manager'), parseRole('boss')]).toEqual(['admin', 'admin', 'manager', undefined]);
    expect(teamKey('  Trading   Desk ')).toBe(teamKey('trading desk'));
  });
});

describe('planning an HR import', () => {
  const state: HrState = {
    people: [
      { id: 1, email: 'admin@x.org', name: 'Ada', role: 'admin', jobTitle: null, active: true },
      { id: 2, email: 'lead@x.org', name: 'Lee', role: 'manager', jobTitle: null, active: true },
      { id: 3, email: 'sam@x.org', name: 'Sam', role: 'staff', jobTitle: 'Trader', active: true },
      { id: 4, email: 'gone@x.org', name: 'Gone', role: 'staff', jobTitle: null, active: false },
    ],
    teams: [{ id: 10, name: 'Desk', sector: 'finance' }],
    memberships: [{ userId: 2, teamId: 10 }, { userId: 3, teamId: 10 }],
    managements: [{ userId: 2, teamId: 10 }],
    sectorsInUse: ['finance', 'law'],
  };
  const plan = (csv: string, options: Partial<Parameters<typeof planHrImport>[2]> = {}) =>
    planHrImport(read(csv).records, state, { mode: 'partial', deactivateMissing: false, hasManagerColumn: true, actorId: 1, ...options });

  it('reactivates a listed deactivated person and leaves unlisted people alone', () => {
    const result = plan('email,name,team,manager_email\ngone@x.org,Gone,Desk,lead@x.org\n');
    expect(result).toMatchObject({ ok: true, plan: { changes: [{ kind: 'reactivate', email: 'gone@x.org', joins: [{ id: 10 }], details: ['reactivated', 'joins Desk'] }], missing: [] } });
  });

  it('keeps an existing role when the cell is empty, and refuses a role that cannot manage a team they keep managing', () => {
    expect(plan('email,name,team,role\nlead@x.org,Lee,Desk,\n')).toMatchObject({ ok: true, plan: { changes: [], unchanged: 1 } });
    expect(plan('email,name,team,role\nlead@x.org,Lee,Desk,staff\n')).toMatchObject({ ok: false, rowErrors: [{ row: 2, column: 'role', reason: expect.stringContaining('manages Desk') }] });
  });

  it('in a full file, lists who is missing and gives teams exactly the managers named', () => {
    const csv = 'email,name,team,manager_email,role\nadmin@x.org,Ada,,,admin\nlead@x.org,Lee,Desk,,\nsam@x.org,Sam,Desk,,manager\nnew@x.org,New,Desk,sam@x.org,\n';
    const result = plan(csv, { mode: 'full' });
    expect(result.ok && result.plan.missing).toEqual([]);
    expect(result.ok && result.plan.changes.find((c) => c.email === 'lead@x.org')?.details).toEqual(['stops managing Desk']);
    expect(result.ok && result.plan.changes.find((c) => c.email === 'sam@x.org')?.details).toEqual(['role: Staff → Manager', 'manages Desk']);
  });

  it('refuses to deactivate the administrator running it', () => {
    const result = plan('email,name,team\nsam@x.org,Sam,Desk\n', { mode: 'full', deactivateMissing: true, actorId: 1 });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('without an active administrator') });
    const other = plan('email,name,team\nsam@x.org,Sam,Desk\nlead@x.org,Lee,Desk\n', { mode: 'full', deactivateMissing: true, actorId: 2 });
    expect(other).toMatchObject({ ok: false });
  });

  it('refuses a new team in a sector the organisation does not use', () => {
    expect(plan('email,name,team,sector\nnew@x.org,New,Cabinet,government\n')).toMatchObject({ ok: false, rowErrors: [{ row: 2, column: 'sector', reason: expect.stringContaining('does not use the government sector') }] });
  });

  it('refuses a manager who is deactivated or unknown', () => {
    expect(plan('email,name,team,manager_email\nnew@x.org,New,Desk,gone@x.org\n')).toMatchObject({ ok: false, rowErrors: [{ reason: expect.stringContaining('deactivated') }] });
    expect(plan('email,name,team,manager_email\nnew@x.org,New,Desk,who@x.org\n')).toMatchObject({ ok: false, rowErrors: [{ reason: expect.stringContaining('No person has the e-mail who@x.org') }] });
  });
});
