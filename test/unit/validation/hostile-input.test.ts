import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { csvCell } from '@/lib/csv/write';
import { prepareImport } from '@/lib/import';
import { TEMPLATE_HEADERS } from '@/lib/import/template';
import { getPack, questionsFor, SECTORS, type Question } from '@/lib/policy';
import { fieldErrorsOf } from '@/lib/validation/action-result';
import { apiDeviceBatchSchema, apiDeviceListQuerySchema } from '@/lib/validation/api-devices';
import { createApiTokenFromFormData, createApiTokenSchema, revokeApiTokenSchema } from '@/lib/validation/api-tokens';
import {
  attestationFromFormData,
  attestationSubmissionSchema,
  DRAFT_VALUE_MAX_LENGTH,
  draftAnswersFromFormData,
} from '@/lib/validation/attestations';
import { createCampaignFromFormData, createCampaignSchema, nudgeSchema } from '@/lib/validation/campaigns';
import { parseDashboardFilters } from '@/lib/validation/dashboard';
import { ownDeviceFromFormData, ownDeviceSchema, retireOwnDeviceSchema, updateOwnDeviceSchema } from '@/lib/validation/devices';
import { grantExceptionFromFormData, grantExceptionSchema, revokeExceptionSchema } from '@/lib/validation/exceptions';
import { importFormFromFormData, importFormSchema } from '@/lib/validation/imports';
import { policyChangeFromFormData, policyChangeSchema } from '@/lib/validation/policy';
import { formDataOf, hostileFormFields, hostileString, hostileValue } from '../../helpers/hostile';

/**
 * Hostile input against every validator a form, server action or API route relies on: wrong types, huge
 * strings, odd Unicode, markup, SQL and formula fragments. Validation must never throw (a throw is a 500),
 * must refuse with a message naming the field, and must keep accepted text exactly as typed (escaping is the
 * renderer's job, and SQL uses bound parameters), within its length limit.
 */

const RUNS = { numRuns: 100 };
const NAME = 'Sam Thompson';
const allQuestions = SECTORS.flatMap((sector) => questionsFor(getPack(sector), { isSupervisor: true }).map((q) => ({ sector, q })));
const packQuestions = (sector: (typeof SECTORS)[number]) => questionsFor(getPack(sector), { isSupervisor: true });

/** Fails the property unless a refusal names at least one field, each with a sentence. */
function expectClearRefusal(error: z.ZodError) {
  const fieldErrors = fieldErrorsOf(error);
  expect(Object.keys(fieldErrors).length).toBeGreaterThan(0);
  for (const messages of Object.values(fieldErrors)) for (const message of messages) expect(message).toMatch(/\S/);
}

/** Every schema a form, action or route parses, with the fields its input has. */
const SCHEMAS: [string, z.ZodType, readonly string[]][] = [
  ...SECTORS.map((sector): [string, z.ZodType, readonly string[]] => [
    `attestation (${sector})`,
    attestationSubmissionSchema(packQuestions(sector), NAME),
    ['campaignId', 'answers', 'signatureName', 'confirm'],
  ]),
  ['own device', ownDeviceSchema, Object.keys(ownDeviceSchema.shape)],
  ['own device edit', updateOwnDeviceSchema, Object.keys(updateOwnDeviceSchema.shape)],
  ['own device retirement', retireOwnDeviceSchema, ['deviceId']],
  ['campaign', createCampaignSchema(), ['period', 'name', 'audience', 'teamIds', 'opensAt', 'dueAt']],
  ['nudge', nudgeSchema, ['userId', 'campaignId']],
  ['exception grant', grantExceptionSchema(), ['email', 'teamId', 'ruleId', 'reason', 'startsAt', 'expiresAt']],
  ['exception revocation', revokeExceptionSchema, ['exceptionId']],
  ['API token', createApiTokenSchema, ['name', 'scopes', 'expiresInDays']],
  ['API token revocation', revokeApiTokenSchema, ['tokenId']],
  ['policy change', policyChangeSchema(), ['teamId', 'effectiveFrom', 'note', 'parameters']],
  ['device import form', importFormSchema, ['intent', 'file', 'format', 'mapping', 'previewedSha256']],
  ['API device batch', apiDeviceBatchSchema, ['devices']],
  ['API device list query', apiDeviceListQuerySchema, ['limit', 'after']],
];

describe.each(SCHEMAS)('the %s schema', (_name, schema, fields) => {
  it('never throws on values of any type, and refuses with messages', () => {
    fc.assert(
      fc.property(hostileValue, (input) => {
        const parsed = schema.safeParse(input);
        if (!parsed.success) expectClearRefusal(parsed.error);
      }),
      RUNS,
    );
  });

  it('never throws when each field holds a hostile value', () => {
    const record = fc.record(Object.fromEntries(fields.map((f) => [f, hostileValue])), { requiredKeys: [] });
    fc.assert(
      fc.property(record, (input) => {
        const parsed = schema.safeParse(input);
        if (!parsed.success) expectClearRefusal(parsed.error);
      }),
      RUNS,
    );
  });
});

/** The posted form → the schema, as each server action reads it. */
const FORMS: [string, (form: FormData) => unknown, z.ZodType, readonly string[]][] = [
  ...SECTORS.map((sector): [string, (form: FormData) => unknown, z.ZodType, readonly string[]] => {
    const questions = packQuestions(sector);
    return [
      `attestation (${sector})`,
      (form) => attestationFromFormData(form, questions),
      attestationSubmissionSchema(questions, NAME),
      ['campaignId', 'signatureName', 'confirm', 'intent', '$ACTION_ID_x', ...questions.map((q) => `answers.${q.id}`), 'answers.__proto__', 'answers.constructor'],
    ];
  }),
  ['own device', ownDeviceFromFormData, updateOwnDeviceSchema, ['kind', 'ownership', 'model', 'os', 'osVersion', 'mdmEnrolled', 'deviceId', 'app.whatsapp', 'app.whatsapp.version', 'app.signal.cloudBackup']],
  ['campaign', createCampaignFromFormData, createCampaignSchema(), ['period', 'name', 'audience', 'teamIds', 'opensAt', 'dueAt']],
  ['exception grant', grantExceptionFromFormData, grantExceptionSchema(), ['waiveFor', 'email', 'teamId', 'ruleId', 'reason', 'startsAt', 'expiresAt']],
  ['API token', createApiTokenFromFormData, createApiTokenSchema, ['name', 'scopes', 'expiresInDays']],
  [
    'policy change',
    policyChangeFromFormData,
    policyChangeSchema(),
    ['teamId', 'effectiveFrom', 'note', 'approvedChannelsMode', 'channel.whatsapp', 'forwardingWindowDays', 'severityWeights.critical', 'severityOverrides.F1', 'severityOverrides.__proto__', 'disabledRules', 'minimumOsMajor.ios', 'flag.usSwapDealer'],
  ],
  ['device import', importFormFromFormData, importFormSchema, ['intent', 'format', 'map.owner_email', 'map.__proto__', 'previewedSha256']],
];

describe.each(FORMS)('the %s form', (_name, read, schema, names) => {
  it('reads any posted fields without throwing, and validation refuses with messages', () => {
    fc.assert(
      fc.property(hostileFormFields(names), (fields) => {
        const parsed = schema.safeParse(read(formDataOf(fields)));
        if (!parsed.success) expectClearRefusal(parsed.error);
      }),
      RUNS,
    );
  });
});

describe('accepted text is kept exactly as typed (trimmed), within its limit', () => {
  const validDevice = { kind: 'phone', ownership: 'byod', model: 'Pixel 8', os: 'android', osVersion: '15', mdmEnrolled: false, encrypted: true, passcode: true, apps: [] };

  it('a device model: stored verbatim or refused naming the model only', () => {
    fc.assert(
      fc.property(hostileString, (model) => {
        const parsed = ownDeviceSchema.safeParse({ ...validDevice, model });
        if (parsed.success) {
          expect(parsed.data.model).toBe(model.trim());
          expect(parsed.data.model.length).toBeLessThanOrEqual(100);
        } else expect(Object.keys(fieldErrorsOf(parsed.error))).toEqual(['model']);
      }),
      RUNS,
    );
  });

  it('an attestation text answer: stored verbatim or refused naming that answer only', () => {
    const { sector, q } = allQuestions.find(({ q }) => q.type === 'text')!;
    const questions = packQuestions(sector);
    const valid = (question: Question): unknown =>
      question.type === 'yes_no' ? 'yes' : question.type === 'number' ? String(question.min) : question.type === 'multi_choice' ? [] : question.type === 'choice' ? question.options[0]!.value : 'None';
    const schema = attestationSubmissionSchema(questions, NAME);
    fc.assert(
      fc.property(hostileString, (text) => {
        const answers = { ...Object.fromEntries(questions.map((x) => [x.id, valid(x)])), [q.id]: text };
        const parsed = schema.safeParse({ campaignId: '1', signatureName: NAME, confirm: 'on', answers });
        if (parsed.success) expect(parsed.data.answers[q.id]).toBe(text.trim());
        else expect(Object.keys(fieldErrorsOf(parsed.error))).toEqual([`answers.${q.id}`]);
      }),
      RUNS,
    );
  });

  it('a signature that is not the person’s name is refused, whatever it holds', () => {
    const questions = packQuestions('law');
    const schema = attestationSubmissionSchema(questions, NAME);
    fc.assert(
      fc.property(hostileString.filter((s) => s.normalize('NFKC').trim().toLowerCase() !== NAME.toLowerCase()), (signatureName) => {
        const parsed = schema.safeParse({ campaignId: '1', signatureName, confirm: 'on', answers: {} });
        expect(parsed.success).toBe(false);
        if (!parsed.success) expect(fieldErrorsOf(parsed.error).signatureName).toBeDefined();
      }),
      RUNS,
    );
  });

  it('an API device: model, id and version within their limits or refused naming the field', () => {
    const device = { ownerEmail: 'a@x.example', externalId: 'D1', model: 'iPhone', kind: 'phone', os: 'ios', osVersion: '18' };
    fc.assert(
      fc.property(fc.constantFrom('model', 'externalId', 'osVersion', 'ownerEmail'), hostileString, (field, value) => {
        const parsed = apiDeviceBatchSchema.safeParse({ devices: [{ ...device, [field]: value }] });
        if (parsed.success) expect(parsed.data.devices[0]![field as 'model']).toBe(field === 'ownerEmail' ? value.trim().toLowerCase() : value.trim());
        else expect(Object.keys(fieldErrorsOf(parsed.error))).toEqual([`devices.0.${field}`]);
      }),
      RUNS,
    );
  });
});

describe('API device text that SQLite cannot keep as sent', () => {
  const device = { ownerEmail: 'a@x.example', externalId: 'D1', model: 'iPhone', kind: 'phone', os: 'ios', osVersion: '18' };
  // JSON.parse of "\\ud800" gives a lone surrogate: it has no UTF-8 form, and would be stored as U+FFFD.
  it.each([
    ['model', '\uD800'],
    ['model', 'Pixel \uDC00 9'],
    ['externalId', 'ID\uDBFF'],
    ['osVersion', '\uDFFFa\uD800'],
  ])('refuses %s %j naming the field', (field, value) => {
    const parsed = apiDeviceBatchSchema.safeParse({ devices: [{ ...device, [field]: value }] });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrorsOf(parsed.error)[`devices.0.${field}`]).toEqual([expect.stringContaining('unpaired surrogate')]);
  });

  it('refuses an app version with one, and keeps text whose surrogates are paired (emoji)', () => {
    const withApp = (appVersion: string) => apiDeviceBatchSchema.safeParse({ devices: [{ ...device, apps: [{ app: 'signal', appVersion }] }] });
    expect(withApp('7.\uD83D').success).toBe(false);
    const parsed = apiDeviceBatchSchema.safeParse({ devices: [{ ...device, model: 'Pixel 👩🏽‍💻' }] });
    expect(parsed.success && parsed.data.devices[0]!.model).toBe('Pixel 👩🏽‍💻');
  });
});

describe('drafts', () => {
  it('keep only known questions, each value cut to the draft limit, whatever is posted', () => {
    const questions = packQuestions('finance');
    const ids = new Set(questions.map((q) => q.id));
    fc.assert(
      fc.property(hostileFormFields(questions.map((q) => `answers.${q.id}`)), (fields) => {
        const draft = draftAnswersFromFormData(formDataOf(fields), questions);
        for (const [id, value] of Object.entries(draft)) {
          expect(ids.has(id)).toBe(true);
          for (const v of [value].flat()) expect(v.length).toBeLessThanOrEqual(DRAFT_VALUE_MAX_LENGTH);
        }
      }),
      RUNS,
    );
  });
});

describe('dashboard filters from the URL', () => {
  it('fall back to defaults for anything malformed, never throwing', () => {
    const param = fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }), fc.constant(undefined));
    fc.assert(
      fc.property(fc.record({ sector: param, team: param, range: param, series: param }, { requiredKeys: [] }), (params) => {
        const filters = parseDashboardFilters(params);
        expect(filters.sector === null || SECTORS.includes(filters.sector)).toBe(true);
        expect(filters.teamId === null || (Number.isSafeInteger(filters.teamId) && filters.teamId > 0)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('device CSV files', () => {
  const expectReadOrRefused = (result: ReturnType<typeof prepareImport>) => {
    if (!result.ok) {
      expect(result.error).toMatch(/\S/);
      return;
    }
    for (const error of result.errors) {
      expect(error.row).toBeGreaterThanOrEqual(2);
      expect(error.row).toBeLessThanOrEqual(result.rowsRead + 1);
      expect(error.reason).toMatch(/\S/);
    }
  };

  it('any bytes are read or refused as a whole with a sentence, never a throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => expectReadOrRefused(prepareImport(bytes))), RUNS);
  });

  it('template files with hostile cells give records or row errors naming the row', () => {
    const cell = fc.oneof(hostileString.map((s) => s.slice(0, 500)), fc.constantFrom('staff@northbridge.example', 'phone', 'ios', 'true', 'whatsapp;signal'));
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const rows = fc.array(fc.array(cell, { minLength: TEMPLATE_HEADERS.length, maxLength: TEMPLATE_HEADERS.length }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(rows, (cells) => {
        const text = [TEMPLATE_HEADERS.join(','), ...cells.map((row) => row.map(quote).join(','))].join('\r\n');
        const result = prepareImport(new TextEncoder().encode(text));
        expectReadOrRefused(result);
        if (result.ok) for (const record of result.records) expect(record.facts?.model === undefined || (record.facts.model ?? '').length <= 200).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('CSV exports', () => {
  it('never start a text cell with a formula character, whatever the text', () => {
    fc.assert(
      fc.property(hostileString, fc.constantFrom('=', '+', '-', '@', '\t', '\r', ''), (text, lead) => {
        const cell = csvCell(lead + text);
        expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
      }),
      RUNS,
    );
  });
});
