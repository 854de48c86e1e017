/** Benchmark worker: a full rescoring of the organisation as of now, loading from the database included. */
import { openDatabase } from '@/db/connection';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import { scoreDay } from '@/lib/scoring/day';

const db = openDatabase(process.argv[2]!);
const asOf = new Date();
const started = performance.now();
const history = loadEvidenceHistory(db, { from: asOf, to: asOf });
const loaded = performance.now();
const scores = scoreDay(history, asOf);
const finished = performance.now();
console.log(
  JSON.stringify({
    people: scores.members.length,
    loadMs: loaded - started,
    scoreMs: finished - loaded,
    totalMs: finished - started,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    organisationScore: scores.organisation.score,
  }),
);
