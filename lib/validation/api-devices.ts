import { z } from 'zod';
import type { DeviceRecord } from '@/lib/import/types';
import { DEVICE_KINDS, DEVICE_OWNERSHIPS, MESSAGING_APPS, OPERATING_SYSTEMS } from '@/lib/policy/constants';

/** Most devices one POST /api/v1/devices may carry. */
export const API_MAX_BATCH = 500;
/** Largest request body accepted, in bytes. */
export const API_MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * JSON can carry a lone UTF-16 surrogate ("\ud800"), which has no UTF-8 form: SQLite would keep replacement
 * characters instead of what was sent. Such text is refused, naming the field, rather than stored mangled.
 */
const LONE_SURROGATE = /\p{Cs}/u;
const text = ({ min = 0, max }: { min?: number; max: number }) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !LONE_SURROGATE.test(value), 'Not valid Unicode text: it holds an unpaired surrogate (\\uD800–\\uDFFF).');

const appSchema = z.strictObject({
  app: z.enum(MESSAGING_APPS),
  appVersion: text({ max: 40 }).nullish().transform((v) => v || null),
  businessUse: z.boolean().default(false),
  cloudBackup: z.boolean().default(false),
  disappearingMessages: z.boolean().default(false),
  captureEnabled: z.boolean().default(false),
  contactUpload: z.boolean().default(false),
});

/** One device as a sync script sends it. Facts left out keep their recorded value (or the default for a new device); `apps`, when sent, replaces the device's messaging apps. */
export const apiDeviceSchema = z.strictObject({
  ownerEmail: z.string().trim().toLowerCase().pipe(z.email()),
  externalId: text({ min: 1, max: 200 }),
  model: text({ min: 1, max: 200 }),
  kind: z.enum(DEVICE_KINDS),
  ownership: z.enum(DEVICE_OWNERSHIPS).optional(),
  os: z.enum(OPERATING_SYSTEMS),
  osVersion: text({ min: 1, max: 50 }),
  mdmEnrolled: z.boolean().optional(),
  encrypted: z.boolean().optional(),
  passcode: z.boolean().optional(),
  lastSeenAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  apps: z.array(appSchema).max(MESSAGING_APPS.length).refine((a) => new Set(a.map((x) => x.app)).size === a.length, 'An app is listed twice.').optional(),
});

/** The body of POST /api/v1/devices. */
export const apiDeviceBatchSchema = z.strictObject({
  devices: z.array(apiDeviceSchema).min(1, 'Send at least one device.').max(API_MAX_BATCH, `Send at most ${API_MAX_BATCH} devices per request.`),
});

/** Validated API devices → the records the shared import core applies (row = 1-based position in the batch). */
export function apiDevicesToRecords(devices: z.output<typeof apiDeviceBatchSchema>['devices']): DeviceRecord[] {
  return devices.map((d, i) => ({
    row: i + 1,
    ownerEmail: d.ownerEmail,
    externalId: d.externalId,
    facts: {
      model: d.model, kind: d.kind, ownership: d.ownership, os: d.os, osVersion: d.osVersion,
      mdmEnrolled: d.mdmEnrolled, encrypted: d.encrypted, passcode: d.passcode, lastSeenAt: d.lastSeenAt,
    },
    apps: d.apps ?? null,
    appsMerge: false,
  }));
}

/** Query of GET /api/v1/devices: a page of devices after a cursor. */
export const apiDeviceListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  after: z.coerce.number().int().min(0).default(0),
});
