import type { DeviceKind, MessagingApp, OperatingSystem, Sector } from '@/lib/policy/constants';

/** Team names per sector; larger organisations repeat them per office. */
export const TEAM_NAMES: Readonly<Record<Sector, readonly string[]>> = {
  finance: ['Equities Trading', 'Rates & Swaps', 'Wealth Management', 'Corporate Finance'],
  law: ['Litigation', 'Corporate M&A', 'Private Client', 'Employment'],
  government: ['Ministerial Private Office', 'Press Office', 'Policy Unit', 'US Liaison Office'],
};

export const OFFICES = ['London', 'New York', 'Edinburgh', 'Dublin', 'Manchester', 'Boston', 'Leeds', 'Chicago'];

export const FIRST_NAMES = [
  'Amara', 'Ben', 'Chloe', 'Daniel', 'Eleanor', 'Farid', 'Grace', 'Hamish', 'Isla', 'James', 'Kavya', 'Liam',
  'Maya', 'Noah', 'Olu', 'Priya', 'Quentin', 'Rosa', 'Samir', 'Tara', 'Umar', 'Violet', 'William', 'Xin',
  'Yusuf', 'Zara', 'Aoife', 'Bilal', 'Ciara', 'Dmitri', 'Esme', 'Felix', 'Hana', 'Ivan', 'Jasmine', 'Kofi',
  'Leah', 'Mateo', 'Niamh', 'Oscar', 'Ruth', 'Sean', 'Thea', 'Wei', 'Ayesha', 'Callum', 'Freya', 'Joel',
];

export const LAST_NAMES = [
  'Adeyemi', 'Brennan', 'Chen', 'Dalton', 'Evans', 'Fitzgerald', 'Gupta', 'Hughes', 'Iqbal', 'Jones', 'Kowalski',
  'Lindqvist', 'Murphy', 'Nakamura', 'Okafor', 'Patel', 'Quinn', 'Rahman', 'Silva', 'Thompson', 'Usman',
  'Varga', 'Walsh', 'Xu', 'Young', 'Zielinski', 'Ahmed', 'Byrne', 'Campbell', 'Doherty', 'Ellis', 'Foster',
  'Garcia', 'Hassan', 'Ito', 'Kelly', 'Lopez', 'Morgan', 'Novak', "O'Brien", 'Price', 'Reid', 'Shah',
];

export const JOB_TITLES: Readonly<Record<Sector, readonly string[]>> = {
  finance: ['Trader', 'Sales trader', 'Relationship manager', 'Analyst', 'Associate', 'Portfolio manager'],
  law: ['Associate', 'Senior associate', 'Partner', 'Paralegal', 'Trainee solicitor', 'Legal secretary'],
  government: ['Policy adviser', 'Private secretary', 'Press officer', 'Senior civil servant', 'Special adviser'],
};

export interface DeviceModel {
  model: string;
  kind: DeviceKind;
  os: OperatingSystem;
  /** OS versions seen on this model, oldest first; upgrades move along the list. */
  osVersions: readonly string[];
}

export const PHONE_MODELS: readonly DeviceModel[] = [
  { model: 'iPhone 13', kind: 'phone', os: 'ios', osVersions: ['16.7.10', '17.6.1', '18.5', '26.1'] },
  { model: 'iPhone 15', kind: 'phone', os: 'ios', osVersions: ['17.6.1', '18.5', '26.1', '26.4'] },
  { model: 'iPhone 16 Pro', kind: 'phone', os: 'ios', osVersions: ['18.5', '26.1', '26.4', '27.1'] },
  { model: 'Samsung Galaxy S23', kind: 'phone', os: 'android', osVersions: ['13', '14', '15', '16'] },
  { model: 'Samsung Galaxy S25', kind: 'phone', os: 'android', osVersions: ['15', '16', '17'] },
  { model: 'Google Pixel 8', kind: 'phone', os: 'android', osVersions: ['14', '15', '16', '17'] },
];

export const TABLET_MODELS: readonly DeviceModel[] = [
  { model: 'iPad Air (M2)', kind: 'tablet', os: 'ipados', osVersions: ['17.6.1', '18.5', '26.1'] },
];

export const LAPTOP_MODELS: readonly DeviceModel[] = [
  { model: 'MacBook Pro 14"', kind: 'laptop', os: 'macos', osVersions: ['14.7', '15.5', '26.1'] },
  { model: 'Dell Latitude 7450', kind: 'laptop', os: 'windows', osVersions: ['10.0.19045', '10.0.22631', '10.0.26100'] },
  { model: 'Surface Laptop 7', kind: 'laptop', os: 'windows', osVersions: ['10.0.22631', '10.0.26100'] },
];

/** Probability that a phone in each sector carries each app (iMessage only on Apple devices). */
export const PHONE_APP_ODDS: Readonly<Record<Sector, Readonly<Partial<Record<MessagingApp, number>>>>> = {
  finance: { teams: 0.95, symphony: 0.7, whatsapp: 0.45, whatsapp_business: 0.08, signal: 0.1, wechat: 0.06, telegram: 0.05, imessage: 0.9, slack: 0.15 },
  law: { teams: 0.95, whatsapp: 0.6, whatsapp_business: 0.05, signal: 0.15, imessage: 0.9, slack: 0.2, telegram: 0.04 },
  government: { teams: 0.95, whatsapp: 0.65, signal: 0.3, imessage: 0.9, telegram: 0.05, whatsapp_business: 0.03 },
};

export const LAPTOP_APP_ODDS: Readonly<Partial<Record<MessagingApp, number>>> = {
  teams: 0.98,
  slack: 0.3,
  whatsapp: 0.2,
  signal: 0.05,
};

/** Current app versions, for display in reasons ("WhatsApp 2.25 on iPhone 15"). */
export const APP_VERSIONS: Readonly<Record<MessagingApp, readonly string[]>> = {
  whatsapp: ['2.25.21', '2.26.8', '2.26.19'],
  whatsapp_business: ['2.25.21', '2.26.12'],
  signal: ['7.48', '7.61', '7.70'],
  telegram: ['11.14', '12.2'],
  wechat: ['8.0.58', '8.0.61'],
  imessage: [],
  teams: ['25226.1', '26150.2'],
  slack: ['25.09', '26.10'],
  symphony: ['24.11', '25.8'],
};
