/**
 * What the crash tests share (test/integration/import-crash.test.ts, test/e2e/import-crash.test.ts): a generated
 * device CSV big enough that applying it takes a while, and probes of a database file and a process from outside.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { TEMPLATE_HEADERS } from '@/lib/import/template';

/** A generic-template CSV of `rows` new phones `<prefix>-0`, `<prefix>-1`, … owned in turn by `owners`. */
export function crashImportCsv(owners: readonly string[], rows: number, prefix = 'CRASH'): string {
  const lines = [TEMPLATE_HEADERS.join(',')];
  for (let i = 0; i < rows; i += 1) {
    lines.push([owners[i % owners.length], `${prefix}-${i}`, 'iPhone 15', 'phone', 'corporate', 'ios', '18.1', 'true', 'true', 'true', '2026-11-20', 'whatsapp;teams', '', 'whatsapp', '', 'teams', ''].join(','));
  }
  return lines.join('\r\n');
}

/** True while another connection holds the write lock of `file` (an import's transaction is open). */
export function writeLocked(file: string): boolean {
  const probe = new Database(file, { timeout: 0 });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch {
    return true;
  } finally {
    probe.close();
  }
}

/** Process `pid`'s state letter and parent (Linux: /proc), or null once it has gone. */
function processStat(pid: number): { state: string; ppid: number } | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The fields after the command name, which is in parentheses and may itself hold any character.
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: state!, ppid: Number(ppid) };
}

/** True once process `pid` has ended (a zombie that no one reaps counts as ended). */
export function processGone(pid: number): boolean {
  const stat = processStat(pid);
  return stat === null || stat.state === 'Z';
}

/** The first running process whose command-line arguments satisfy `matches`, with its parent. */
export function findProcess(matches: (args: string[]) => boolean): { pid: number; ppid: number } | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // ended meanwhile
    }
    const stat = processStat(Number(entry));
    if (stat && stat.state !== 'Z' && matches(args)) return { pid: Number(entry), ppid: stat.ppid };
  }
  return undefined;
}

/** Resolves once `condition` holds (checked every `everyMs`); rejects naming `what` after `timeoutMs`. */
export async function until(what: string, condition: () => boolean, { timeoutMs = 30_000, everyMs = 10 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
