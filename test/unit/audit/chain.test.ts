import { describe, expect, it } from 'vitest';
import { classifyAuditChain, summariseAuditFindings, type AuditChainContext, type AuditChainRow } from '@/lib/audit/chain';
import { GENESIS_HASH, auditEntryHash } from '@/lib/audit/hash';

const start = Date.parse('2026-11-01T09:00:00Z');

/** A clean chain of `n` entries, ids 1…n, each linked to the one before. */
function chain(n: number): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= n; id += 1) {
    const content = { at: new Date(start + id * 60_000), actorId: id % 3 === 0 ? null : id, action: `test.${id}`, targetType: 'test', targetId: String(id), summary: { n: id } };
    const hash = auditEntryHash(prevHash, content);
    rows.push({ id, ...content, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

/** A new entry linked to `prevHash`, hashed correctly: what someone with the hash function would forge. */
function forged(id: number, prevHash: string, action = 'forged'): AuditChainRow {
  const content = { at: new Date(start), actorId: null, action, targetType: 'test', targetId: null, summary: {} };
  return { id, ...content, prevHash, hash: auditEntryHash(prevHash, content) };
}

/** Rows renumbered 1…n in their current order, as an attacker hiding an insertion or deletion would. */
const renumber = (rows: AuditChainRow[]) => rows.map((row, index) => ({ ...row, id: index + 1 }));

const lookup = (rows: AuditChainRow[]): AuditChainContext['findIdByHash'] => {
  const byHash = new Map(rows.map((row) => [row.hash, row.id]));
  return (hash) => byHash.get(hash) ?? null;
};

const classify = (rows: AuditChainRow[], context: AuditChainContext = {}) => classifyAuditChain(rows, { findIdByHash: lookup(rows), sequence: rows.at(-1)?.id ?? null, ...context });
const kinds = (rows: AuditChainRow[], context?: AuditChainContext) => classify(rows, context).findings.map((f) => [f.kind, f.id, f.toId ?? f.id]);

describe('classifyAuditChain', () => {
  it('accepts a clean chain, and an empty log', () => {
    const rows = chain(6);
    expect(classify(rows)).toEqual({ ok: true, entries: 6, head: { lastId: 6, hash: rows[5]!.hash }, findings: [], counts: { edited: 0, inserted: 0, deleted: 0, 'tail-deleted': 0 }, findingCount: 0 });
    expect(classifyAuditChain([], { sequence: null })).toMatchObject({ ok: true, entries: 0, head: null });
    expect(classify(rows, { checkpoint: { lastId: 4, hash: rows[3]!.hash, recordedAt: new Date(start) } }).ok).toBe(true);
    expect(classify(rows, { checkpoint: { lastId: 6, hash: rows[5]!.hash, recordedAt: new Date(start) } }).ok).toBe(true);
  });

  it.each<[string, (rows: AuditChainRow[]) => AuditChainRow[], [string, number, number][]]>([
    ['content edited in place', (rows) => rows.map((r) => (r.id === 3 ? { ...r, summary: { n: 30 } } : r)), [['edited', 3, 3]]],
    ['the first entry edited', (rows) => rows.map((r) => (r.id === 1 ? { ...r, action: 'other' } : r)), [['edited', 1, 1]]],
    ['the last entry edited', (rows) => rows.map((r) => (r.id === 6 ? { ...r, actorId: 99 } : r)), [['edited', 6, 6]]],
    ['a date that cannot be hashed', (rows) => rows.map((r) => (r.id === 2 ? { ...r, at: new Date(Number.NaN) } : r)), [['edited', 2, 2]]],
    ['only the stored hash changed', (rows) => rows.map((r) => (r.id === 4 ? { ...r, hash: 'f'.repeat(64) } : r)), [['edited', 4, 4]]],
    ['only the link changed', (rows) => rows.map((r) => (r.id === 4 ? { ...r, prevHash: 'e'.repeat(64) } : r)), [['edited', 4, 4]]],
    [
      'edited and re-hashed',
      (rows) => rows.map((r) => (r.id === 3 ? forged(3, rows[1]!.hash, 'rewritten') : r)),
      [['edited', 3, 3]],
    ],
    ['one entry deleted in the middle', (rows) => rows.filter((r) => r.id !== 3), [['deleted', 3, 3]]],
    ['several deleted in the middle', (rows) => rows.filter((r) => r.id < 2 || r.id > 4), [['deleted', 2, 4]]],
    ['the first entries deleted', (rows) => rows.filter((r) => r.id > 2), [['deleted', 1, 2]]],
    ['deleted and the next re-linked across the gap', (rows) => [...rows.slice(0, 2), { ...forged(4, rows[1]!.hash) }, ...rows.slice(4)], [['deleted', 3, 3], ['edited', 4, 4]]],
    ['one entry inserted with a made-up link', (rows) => renumber([...rows.slice(0, 3), { ...forged(0, 'a'.repeat(64)) }, ...rows.slice(3)]), [['inserted', 4, 4]]],
    ['one entry inserted and linked', (rows) => renumber([...rows.slice(0, 3), forged(0, rows[2]!.hash), ...rows.slice(3)]), [['inserted', 4, 4]]],
    ['two entries inserted and linked', (rows) => {
      const a = forged(0, rows[2]!.hash, 'a');
      return renumber([...rows.slice(0, 3), a, forged(0, a.hash, 'b'), ...rows.slice(3)]);
    }, [['inserted', 4, 5]]],
    ['an entry inserted at the start', (rows) => renumber([forged(0, GENESIS_HASH), ...rows]), [['inserted', 1, 1]]],
    ['two entries swapped', (rows) => renumber([rows[0]!, rows[2]!, rows[1]!, ...rows.slice(3)]), [['inserted', 2, 2], ['inserted', 3, 3]]],
  ])('finds %s', (_name, tamper, expected) => {
    const rows = tamper(chain(6));
    expect(kinds(rows)).toEqual(expected);
  });

  it('finds entries deleted from the end by the id counter', () => {
    const rows = chain(6).slice(0, 4);
    const report = classifyAuditChain(rows, { sequence: 6 });
    expect(report.findings).toEqual([{ kind: 'tail-deleted', id: 5, toId: 6, explanation: expect.stringMatching(/ends at #4, but SQLite has given out ids up to #6/) }]);
    expect(classifyAuditChain([], { sequence: 2 }).findings).toEqual([{ kind: 'tail-deleted', id: 1, toId: 2, explanation: expect.stringContaining('ends at nothing') }]);
  });

  it('finds entries deleted from the end by the checkpoint, when the id counter was reset too', () => {
    const full = chain(6);
    const checkpoint = { lastId: 6, hash: full[5]!.hash, recordedAt: new Date('2026-11-20T00:00:00Z') };
    const report = classifyAuditChain(full.slice(0, 5), { sequence: 5, checkpoint });
    expect(report.findings).toEqual([{ kind: 'tail-deleted', id: 6, explanation: expect.stringMatching(/Entry #6 is gone.*checkpoint of 2026-11-20T00:00:00.000Z recorded the chain up to #6/) }]);
    // Both counters past the end: one finding, to the further of the two.
    expect(kinds(full.slice(0, 3), { sequence: 5, checkpoint })).toEqual([['tail-deleted', 4, 6]]);
  });

  it('finds a chain rewritten and re-hashed up to the checkpoint', () => {
    const rows = chain(4);
    const rewritten = [rows[0]!];
    for (const id of [2, 3, 4]) rewritten.push(forged(id, rewritten.at(-1)!.hash, `rewritten.${id}`));
    const report = classify(rewritten, { checkpoint: { lastId: 4, hash: rows[3]!.hash, recordedAt: new Date(start) } });
    expect(report.findings.map((f) => [f.kind, f.id])).toEqual([['edited', 4]]);
    expect(report.findings[0]!.explanation).toMatch(/not the one the checkpoint .* recorded/);
  });

  it('reports every problem of a chain tampered in several places, in id order, and counts them', () => {
    const rows = chain(12)
      .filter((r) => r.id !== 5 && r.id < 11)
      .map((r) => (r.id === 2 || r.id === 8 ? { ...r, summary: { forged: true } } : r));
    const seen: string[] = [];
    const report = classify(rows, { sequence: 12, onFinding: (f) => seen.push(`${f.kind} ${f.id}`) });
    expect(report.findings.map((f) => [f.kind, f.id, f.toId ?? f.id])).toEqual([['edited', 2, 2], ['deleted', 5, 5], ['edited', 8, 8], ['tail-deleted', 11, 12]]);
    expect(seen).toEqual(['edited 2', 'deleted 5', 'edited 8', 'tail-deleted 11']);
    expect(report).toMatchObject({ ok: false, entries: 9, findingCount: 4, counts: { edited: 2, inserted: 0, deleted: 1, 'tail-deleted': 1 } });
    expect(summariseAuditFindings(report)).toBe('4 problems: 2 edited, 1 deleted, 1 tail-deleted');
  });

  it('keeps only the first maxFindings findings but counts and passes on every one', () => {
    const rows = chain(20).map((r) => ({ ...r, summary: { forged: true } }));
    let passed = 0;
    const report = classify(rows, { maxFindings: 5, onFinding: () => (passed += 1) });
    expect(report.findings.map((f) => f.id)).toEqual([1, 2, 3, 4, 5]);
    expect([report.findingCount, report.counts.edited, passed]).toEqual([20, 20, 20]);
  });

  it('reads its rows once, as a stream', () => {
    const rows = chain(5);
    let reads = 0;
    function* stream() {
      for (const row of rows) {
        reads += 1;
        yield row;
      }
    }
    expect(classifyAuditChain(stream(), { sequence: 5 }).ok).toBe(true);
    expect(reads).toBe(5);
  });

  it('works without a hash lookup, from the entries it has seen', () => {
    const rows = renumber([...chain(4).slice(0, 2), forged(0, 'a'.repeat(64)), ...chain(4).slice(2)]);
    expect(classifyAuditChain(rows).findings.map((f) => [f.kind, f.id])).toEqual([['inserted', 3]]);
  });
});
