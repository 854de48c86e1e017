/**
 * Benchmark worker: a load run against the production build (`next start`) on loopback. LOAD_USERS (default 50)
 * members of staff, each signed in once, submit the open campaign's attestation again and again through the
 * form's own server action, while an officer applies device imports and another officer reads the dashboards.
 * Prints throughput and latency, then counts in the database that every accepted submission is there.
 * Runs on the demo-size organisation (seeded beside argv[2]), not the large one, to finish in about a minute.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { attestationContext } from '@/db/commands/attestations';
import { openDatabase } from '@/db/connection';
import { loadSessionUser } from '@/db/queries/users';
import { seedFile } from '@/db/seed/index';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { TEMPLATE_HEADERS } from '@/lib/import/template';
import type { Question } from '@/lib/policy';
import { callServerAction, percentile, serverActionIds, Session, startServer } from '../helpers/next-server';

const USERS = Number(process.env.LOAD_USERS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const IMPORT_ROWS = 1000;

const answer = (q: Question): string[] =>
  q.type === 'yes_no' ? [q.compliantAnswer ? 'yes' : 'no'] : q.type === 'number' ? [String(q.min)] : q.type === 'choice' ? [q.options[0]!.value] : q.type === 'multi_choice' ? [] : ['None'];

/** The staff who will attest: active, in a team the open campaign covers, with their filled-in form. */
function attesters(file: string, count: number) {
  const db = openDatabase(file);
  const now = new Date();
  const campaignId = (db.$client.prepare('SELECT id FROM campaigns WHERE opens_at <= ? ORDER BY opens_at DESC LIMIT 1').get(now.getTime()) as { id: number }).id;
  const staff = db.$client.prepare("SELECT id FROM users WHERE active = 1 AND role = 'staff' AND password_hash IS NOT NULL ORDER BY id").all() as { id: number }[];
  const people = [];
  for (const { id } of staff) {
    const person = loadSessionUser(db, { userId: id })!;
    const context = attestationContext(db, person, { campaignId, asOf: now });
    if (!context) continue;
    const fields: [string, string][] = [['campaignId', String(campaignId)], ['signatureName', person.name], ['confirm', 'on']];
    for (const q of context.questions) for (const value of answer(q)) fields.push([`answers.${q.id}`, value]);
    people.push({ email: person.email, fields });
    if (people.length === count) break;
  }
  const emails = (db.$client.prepare('SELECT email FROM users WHERE active = 1 ORDER BY id').all() as { email: string }[]).map((u) => u.email);
  const team = (db.$client.prepare('SELECT team_id AS id FROM team_members WHERE left_at IS NULL GROUP BY team_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }).id;
  const totalPeople = (db.$client.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  db.$client.close();
  if (people.length < count) throw new Error(`Only ${people.length} staff can attest the open campaign; ${count} wanted.`);
  return { campaignId, people, emails, team, totalPeople };
}

/** A device CSV in the generic template: IMPORT_ROWS devices, their OS version `round` so that each import changes them. */
function deviceCsv(emails: readonly string[], round: number): Uint8Array<ArrayBuffer> {
  const lines = [TEMPLATE_HEADERS.join(',')];
  for (let i = 0; i < IMPORT_ROWS; i += 1) {
    lines.push([emails[i % emails.length], `LOAD-${i}`, 'iPhone 15', 'phone', 'corporate', 'ios', `18.${round}`, 'true', 'true', 'true', '', 'teams', '', '', '', 'teams', ''].join(','));
  }
  return new TextEncoder().encode(lines.join('\r\n'));
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.length === 0 ? { n: 0, p50: 0, p95: 0, max: 0 } : { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
};

async function main() {
  const file = path.join(path.dirname(process.argv[2]!), 'load.db');
  seedFile(file, { size: 'demo', asOf: new Date(), reset: true });
  const { campaignId, people, emails, team, totalPeople } = attesters(file, USERS);
  const before = openDatabase(file);
  const attestationsBefore = (before.$client.prepare('SELECT max(id) AS id FROM attestations').get() as { id: number }).id;
  before.$client.close();

  const ids = serverActionIds();
  const submitId = ids['lib/actions/attestations.ts#submitAttestation']!;
  const importId = ids['lib/actions/imports.ts#importDevices']!;
  const server = await startServer(file);
  const errors: string[] = [];
  const receipts: number[] = [];
  const submitTimes: number[] = [];
  const readTimes: number[] = [];
  const importTimes: number[] = [];
  try {
    const sessions = people.map(() => new Session(server.base));
    for (let i = 0; i < people.length; i += 10) await Promise.all(people.slice(i, i + 10).map((p, j) => sessions[i + j]!.signIn(p.email, DEMO_PASSWORD)));
    const officer = new Session(server.base);
    const reader = new Session(server.base);
    await officer.signIn('officer@northbridge.example', DEMO_PASSWORD);
    await reader.signIn('officer@northbridge.example', DEMO_PASSWORD);

    const started = performance.now();
    const until = started + SECONDS * 1000;
    const staffLoop = async (index: number) => {
      const form = () => {
        const data = new FormData();
        for (const [k, v] of people[index]!.fields) data.append(k, v);
        return data;
      };
      while (performance.now() < until) {
        const t = performance.now();
        try {
          const response = await callServerAction(sessions[index]!, `/attest/${campaignId}`, submitId, form());
          // The action answers with the stored record, which the form shows as the receipt.
          const receipt = /"receipt":\{"id":(\d+)/.exec(await response.text());
          if (receipt) {
            submitTimes.push(performance.now() - t);
            receipts.push(Number(receipt[1]));
          } else errors.push(`submission answered ${response.status} without a receipt`);
        } catch (error) {
          errors.push(`submission failed: ${String(error)}`);
        }
      }
    };
    const importLoop = async () => {
      for (let round = 2; performance.now() < until; round += 1) {
        const bytes = deviceCsv(emails, round);
        const form = new FormData();
        form.append('intent', 'confirm');
        form.append('format', 'auto');
        form.append('previewedSha256', crypto.createHash('sha256').update(bytes).digest('hex'));
        form.append('file', new File([bytes], `load-${round}.csv`, { type: 'text/csv' }));
        const t = performance.now();
        const response = await callServerAction(officer, '/imports', importId, form);
        const body = await response.text();
        if (response.status === 200 && body.includes('"stage":"applied"')) importTimes.push(performance.now() - t);
        else errors.push(`import answered ${response.status}: ${body.slice(0, 200)}`);
      }
    };
    const readLoop = async () => {
      while (performance.now() < until) {
        for (const page of ['/organisation', `/teams/${team}`]) {
          const t = performance.now();
          const response = await reader.fetch(page);
          await response.arrayBuffer();
          if (response.status === 200) readTimes.push(performance.now() - t);
          else errors.push(`${page} answered ${response.status}`);
        }
      }
    };
    await Promise.all([...people.map((_, i) => staffLoop(i)), importLoop(), readLoop()]);
    const elapsed = (performance.now() - started) / 1000;

    const db = openDatabase(file);
    const stored = (db.$client.prepare('SELECT count(*) AS n FROM attestations WHERE id > ?').get(attestationsBefore) as { n: number }).n;
    const found = new Set((db.$client.prepare('SELECT id FROM attestations WHERE id > ?').all(attestationsBefore) as { id: number }[]).map((r) => r.id));
    db.$client.close();
    const submissions = summary(submitTimes);
    console.log(
      JSON.stringify({
        organisation: `demo (${totalPeople} people)`,
        users: people.length,
        seconds: elapsed,
        accepted: receipts.length,
        perSecond: receipts.length / elapsed,
        p50: submissions.p50,
        p95: submissions.p95,
        max: submissions.max,
        errors: errors.length,
        firstError: errors[0] ?? null,
        stored,
        lost: receipts.filter((id) => !found.has(id)).length,
        reads: readTimes.length,
        readP95: summary(readTimes).p95,
        imports: importTimes.length,
        importRows: IMPORT_ROWS,
        importP50: summary(importTimes).p50,
      }),
    );
  } finally {
    server.stop();
  }
}

void main();
