import { MESSAGING_APPS, type DeviceKind, type DeviceOwnership, type MessagingApp, type OperatingSystem } from '@/lib/policy/constants';

/**
 * Cell values as MDM exports spell them → typed values. Each parser returns undefined for a value it
 * does not recognise, so that the caller can name the row and column.
 */

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', 'managed', 'enrolled', 'encrypted', 'present', 'compliant', 'enabled', 'allpartitionsencrypted', 'bootpartitionsencrypted', 'dataprotection']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', 'unmanaged', 'notmanaged', 'notenrolled', 'notencrypted', 'unencrypted', 'notpresent', 'absent', 'noncompliant', 'notcompliant', 'disabled', 'none', 'noencryption', 'notapplicable']);

/** "True"/"False", "Yes"/"No", "Managed"/"Unmanaged", "Present"/"Not Present", "Compliant"/"Noncompliant", "Encrypted"/"Not encrypted"… */
export function parseFlag(value: string): boolean | undefined {
  const key = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | undefined {
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return date;
}

function hour12(h: number, meridiem: string | undefined): number {
  if (!meridiem) return h;
  const pm = meridiem.toLowerCase() === 'pm';
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/** The number written by the `digits` characters of `v` from `from`; NaN unless they are all ASCII digits. */
function numberAt(v: string, from: number, digits: number): number {
  let n = 0;
  for (let i = from; i < from + digits; i += 1) {
    const digit = v.charCodeAt(i) - 48;
    n = digit >= 0 && digit <= 9 ? n * 10 + digit : NaN;
  }
  return n;
}

/**
 * `2026-11-20 08:15:42.0000000` or `2026-11-20T08:15:42`, zone-less (UTC), as every row of an Intune export
 * writes it, read without regular expressions, whose match arrays are most of a large import's garbage;
 * null for any other shape (the general reading below accepts these too, with the same result).
 */
function parseZonelessIso(v: string): Date | undefined | null {
  if (v.length < 19 || v[4] !== '-' || v[7] !== '-' || (v[10] !== ' ' && v[10] !== 'T') || v[13] !== ':' || v[16] !== ':') return null;
  if (v.length > 19 && (v[19] !== '.' || v.length === 20 || Number.isNaN(numberAt(v, 20, v.length - 20)))) return null;
  const year = numberAt(v, 0, 4);
  const month = numberAt(v, 5, 2);
  const day = numberAt(v, 8, 2);
  const hour = numberAt(v, 11, 2);
  const minute = numberAt(v, 14, 2);
  const second = numberAt(v, 17, 2);
  return Number.isNaN(year + month + day + hour + minute + second) ? null : utc(year, month, day, hour, minute, second);
}

/**
 * Dates as the exports write them, read as UTC when they carry no zone:
 * ISO 8601 (`2026-11-20T08:15:00Z`), Intune (`2026-11-20 08:15:42.0000000`, `11/20/2026 8:15:42 AM`),
 * Jamf (`2026-11-20 at 8:15 AM`), day-first with dots or dashes (`20.11.2026 08:15`), `20 Nov 2026`.
 * Slash dates are month-first (US, as Intune and Jamf write them) unless the first number exceeds 12.
 */
export function parseTimestamp(value: string): Date | undefined {
  const v = value.trim();
  const zoneless = parseZonelessIso(v);
  if (zoneless !== null) return zoneless;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:(?:T|\s+|\s+at\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (m) {
    if (m[8]) {
      const parsed = new Date(v.replace(/\s+at\s+/, 'T').replace(' ', 'T'));
      return Number.isNaN(parsed.getTime()) ? undefined : parsed;
    }
    return utc(+m[1]!, +m[2]!, +m[3]!, hour12(+(m[4] ?? 0), m[7]), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/.exec(v);
  if (m) {
    const a = +m[1]!;
    const b = +m[3]!;
    const monthFirst = m[2] === '/' ? a <= 12 : false;
    const [month, day] = monthFirst ? [a, b] : [b, a];
    return utc(+m[4]!, month, day, hour12(+(m[5] ?? 0), m[8]), +(m[6] ?? 0), +(m[7] ?? 0));
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(v);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    return month > 0 ? utc(+m[3]!, month, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0)) : undefined;
  }
  return undefined;
}

/** "iOS", "iPadOS", "Android", "AndroidEnterprise", "macOS", "Mac OS X", "Windows", "Windows 11 Enterprise"… */
export function parseOperatingSystem(value: string): OperatingSystem | undefined {
  const v = value.toLowerCase().replace(/\s+/g, '');
  if (v.startsWith('ipados')) return 'ipados';
  if (v.startsWith('ios') || v.startsWith('iphoneos')) return 'ios';
  if (v.startsWith('android')) return 'android';
  if (v.startsWith('macos') || v.startsWith('macosx') || v.startsWith('osx')) return 'macos';
  if (v.startsWith('windows')) return 'windows';
  return undefined;
}

/** Device kind from a stated kind, else guessed from the operating system and the model. */
export function parseKind(value: string | undefined, os: OperatingSystem | undefined, model: string): DeviceKind | undefined {
  const v = (value ?? '').toLowerCase().trim();
  if (v) {
    if (['phone', 'mobile', 'smartphone', 'iphone'].includes(v)) return 'phone';
    if (['tablet', 'ipad'].includes(v)) return 'tablet';
    if (['laptop', 'notebook'].includes(v)) return 'laptop';
    if (['desktop', 'workstation'].includes(v)) return 'desktop';
    return undefined;
  }
  const m = model.toLowerCase();
  if (os === 'ipados' || m.startsWith('ipad') || /\btab\b|tablet|surface pro|surface go/.test(m)) return os === 'windows' ? 'laptop' : 'tablet';
  if (os === 'ios' || os === 'android') return 'phone';
  if (/imac|mac mini|mac studio|mac pro|optiplex|prodesk|thinkcentre|desktop/.test(m)) return 'desktop';
  if (os === 'macos' || os === 'windows') return 'laptop';
  return undefined;
}

/** "Corporate"/"Company"/"Institutional" → corporate; "Personal"/"BYOD"/"User Enrollment" → byod. */
export function parseOwnership(value: string): DeviceOwnership | undefined {
  const v = value.toLowerCase().replace(/[^a-z]/g, '');
  if (['corporate', 'company', 'institutional', 'corporateowned', 'organisation', 'organization', 'firm'].includes(v)) return 'corporate';
  if (['personal', 'byod', 'userenrollment', 'personallyowned', 'employee', 'private'].includes(v)) return 'byod';
  return undefined;
}

/** App names and bundle/package ids as MDM inventories list them, → messaging app. */
const APP_NAMES: readonly [RegExp, MessagingApp][] = [
  [/^(net\.whatsapp\.whatsappsmb|com\.whatsapp\.w4b|whatsapp ?business.*)$/i, 'whatsapp_business'],
  [/^(net\.whatsapp\.whatsapp|com\.whatsapp|whatsapp( messenger)?)$/i, 'whatsapp'],
  [/^(org\.whispersystems\.signal|org\.thoughtcrime\.securesms|signal( - private messenger| private messenger)?)$/i, 'signal'],
  [/^(ph\.telegra\.telegraph|org\.telegram\.messenger|telegram( messenger)?)$/i, 'telegram'],
  [/^(com\.tencent\.xin|com\.tencent\.mm|wechat)$/i, 'wechat'],
  [/^(com\.apple\.mobilesms|imessage|messages)$/i, 'imessage'],
  [/^(com\.microsoft\.skype\.teams|com\.microsoft\.teams2?|microsoft teams( \(work or school\))?|teams)$/i, 'teams'],
  [/^(com\.tinyspeck\.chatlyio|com\.slack|slack)$/i, 'slack'],
  [/^(com\.symphony\.\w+|symphony( messaging)?)$/i, 'symphony'],
];

/** A messaging app from its id ('whatsapp'), its name ('WhatsApp Messenger') or its bundle id; undefined for any other app. */
export function parseMessagingApp(value: string): MessagingApp | undefined {
  const v = value.trim().replace(/\.app$/i, '');
  const lower = v.toLowerCase();
  if ((MESSAGING_APPS as readonly string[]).includes(lower)) return lower as MessagingApp;
  return APP_NAMES.find(([pattern]) => pattern.test(v))?.[1];
}

/**
 * An inventory's list of apps in one cell ("WhatsApp Messenger (24.1.0); Slack 23.11; Calculator"):
 * only messaging apps are kept, with their versions.
 */
export function parseAppList(value: string): { app: MessagingApp; version: string | null }[] {
  const found = new Map<MessagingApp, string | null>();
  for (const item of value.split(/[;,\n|]+/)) {
    const m = /^(.*?)\s*(?:\(([^)]*)\)|\s(v?\d[\w.\-]*))?$/.exec(item.trim());
    if (!m || !m[1]) continue;
    const app = parseMessagingApp(m[1]);
    if (app && !found.has(app)) found.set(app, (m[2] ?? m[3] ?? '').trim() || null);
  }
  return [...found].map(([app, version]) => ({ app, version }));
}
