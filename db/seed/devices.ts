import type { DeviceOwnership, MessagingApp, Sector } from '@/lib/policy/constants';
import type { DeviceAppFact } from '@/lib/policy/types';
import {
  APP_VERSIONS,
  LAPTOP_APP_ODDS,
  LAPTOP_MODELS,
  PHONE_APP_ODDS,
  PHONE_MODELS,
  TABLET_MODELS,
  type DeviceModel,
} from './catalog';
import type { Random } from './random';

const DAY_MS = 86_400_000;
const CAPTURED_APPS: ReadonlySet<MessagingApp> = new Set(['teams', 'symphony', 'slack']);

/** An app as generated: the inventory's facts, with the last capture sync as epoch milliseconds. */
export type SeedApp = Omit<DeviceAppFact, 'lastCaptureSyncAt'> & { lastCaptureSyncAt: number | null };

export interface SeedDeviceState {
  model: string;
  kind: DeviceModel['kind'];
  ownership: DeviceOwnership;
  os: DeviceModel['os'];
  osVersionIndex: number;
  mdmEnrolled: boolean;
  encrypted: boolean;
  passcode: boolean;
  apps: SeedApp[];
}

/** One device's history: its first state and the changes after it, each with its time (ms). */
export interface SeedDeviceHistory {
  catalog: DeviceModel;
  states: { validFrom: number; state: SeedDeviceState }[];
}

/** Chooses how many of which devices a person carries, per the size's odds. */
export function chooseDeviceModels(
  random: Random,
  odds: { laptop: number; tablet: number; secondPhone: number },
): DeviceModel[] {
  const models: DeviceModel[] = [random.pick(PHONE_MODELS)];
  if (random.chance(odds.laptop)) models.push(random.pick(LAPTOP_MODELS));
  if (random.chance(odds.tablet)) models.push(random.pick(TABLET_MODELS));
  if (random.chance(odds.secondPhone)) models.push(random.pick(PHONE_MODELS));
  return models;
}

function makeApp(random: Random, app: MessagingApp, sector: Sector, ownership: DeviceOwnership, at: number): SeedApp {
  const approved = CAPTURED_APPS.has(app);
  const versions = APP_VERSIONS[app];
  // Finance firms capture WhatsApp on corporate phones through an archiving partner, when they allow it at all.
  const captureEnabled = approved ? random.chance(0.95) : sector === 'finance' && ownership === 'corporate' && random.chance(0.25);
  return {
    app,
    appVersion: versions.length > 0 ? random.pick(versions) : null,
    businessUse: approved || captureEnabled || random.chance(0.07),
    cloudBackup: app === 'whatsapp' || app === 'whatsapp_business' ? random.chance(0.3) : app === 'imessage' && random.chance(0.35),
    disappearingMessages: app === 'signal' ? random.chance(0.45) : app === 'whatsapp' && random.chance(0.1),
    captureEnabled,
    contactUpload: approved ? false : random.chance(app === 'signal' ? 0.9 : 0.7),
    lastCaptureSyncAt: captureEnabled ? at - random.int(0, random.chance(0.06) ? 15 : 2) * DAY_MS : null,
  };
}

function appOdds(catalog: DeviceModel, sector: Sector): Partial<Record<MessagingApp, number>> {
  if (catalog.kind === 'laptop' || catalog.kind === 'desktop') return LAPTOP_APP_ODDS;
  return PHONE_APP_ODDS[sector];
}

function initialState(random: Random, catalog: DeviceModel, sector: Sector, ownership: DeviceOwnership, at: number): SeedDeviceState {
  const apple = catalog.os === 'ios' || catalog.os === 'ipados' || catalog.os === 'macos';
  const apps: SeedApp[] = [];
  for (const [app, p] of Object.entries(appOdds(catalog, sector)) as [MessagingApp, number][]) {
    if (app === 'imessage' && !apple) continue;
    if (random.chance(p)) apps.push(makeApp(random, app, sector, ownership, at));
  }
  const corporate = ownership === 'corporate';
  return {
    model: catalog.model,
    kind: catalog.kind,
    ownership,
    os: catalog.os,
    osVersionIndex: random.int(0, Math.max(0, catalog.osVersions.length - 2)),
    mdmEnrolled: corporate ? random.chance(0.97) : random.chance(0.65),
    encrypted: apple || corporate ? true : random.chance(0.9),
    passcode: corporate ? random.chance(0.99) : random.chance(0.93),
    apps,
  };
}

/**
 * One change to a device. Changes drift toward compliance (policy roll-out, MDM enrolment, backups
 * switched off) more often than away from it, so the organisation's trend improves unevenly.
 */
function changeState(random: Random, catalog: DeviceModel, sector: Sector, previous: SeedDeviceState, at: number): SeedDeviceState {
  const next: SeedDeviceState = { ...previous, apps: previous.apps.map((a) => ({ ...a })) };
  const improve = random.chance(0.62);
  const kind = random.weighted([['os', 3], ['app', 4], ['mdm', 1], ['install', 2]] as const);
  if (kind === 'os') {
    next.osVersionIndex = Math.min(catalog.osVersions.length - 1, next.osVersionIndex + 1);
  } else if (kind === 'mdm') {
    next.mdmEnrolled = improve ? true : next.mdmEnrolled;
    next.passcode = improve ? true : random.chance(0.9);
  } else if (kind === 'install') {
    const unapproved = next.apps.findIndex((a) => !CAPTURED_APPS.has(a.app));
    if (improve && unapproved >= 0) next.apps.splice(unapproved, 1);
    else {
      const candidates = (Object.keys(appOdds(catalog, sector)) as MessagingApp[]).filter(
        (app) => !next.apps.some((a) => a.app === app) && !(app === 'imessage' && catalog.os === 'android'),
      );
      if (candidates.length > 0) next.apps.push(makeApp(random, random.pick(candidates), sector, next.ownership, at));
    }
  } else if (next.apps.length > 0) {
    const app = random.pick(next.apps);
    if (improve) {
      app.cloudBackup = false;
      app.contactUpload = CAPTURED_APPS.has(app.app) ? false : app.contactUpload && random.chance(0.5);
      if (app.businessUse && !CAPTURED_APPS.has(app.app) && !app.captureEnabled) app.businessUse = false;
    } else {
      app.cloudBackup = app.app === 'whatsapp' || app.app === 'whatsapp_business' || app.app === 'imessage';
      app.businessUse = true;
    }
  }
  for (const app of next.apps) {
    if (app.captureEnabled) app.lastCaptureSyncAt = at - random.int(0, 2) * DAY_MS;
  }
  return next;
}

/** Generates a device's states from `createdAt` to `until`, with 0–4 changes in between. */
export function generateDeviceHistory(
  random: Random,
  catalog: DeviceModel,
  sector: Sector,
  ownership: DeviceOwnership,
  createdAt: number,
  until: number,
): SeedDeviceHistory {
  const states = [{ validFrom: createdAt, state: initialState(random, catalog, sector, ownership, createdAt) }];
  const changes = random.int(0, 4);
  const times = Array.from({ length: changes }, () => createdAt + Math.floor(random.next() * (until - createdAt))).sort((a, b) => a - b);
  for (const at of times) {
    if (at <= states[states.length - 1]!.validFrom) continue;
    states.push({ validFrom: at, state: changeState(random, catalog, sector, states[states.length - 1]!.state, at) });
  }
  return { catalog, states };
}
