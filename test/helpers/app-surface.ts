import fs from 'node:fs';
import path from 'node:path';

/**
 * What the app exposes, found from the code rather than listed by hand, so that the access matrices and the fuzz
 * tests fail when something new appears that they do not cover: every server action (each exported function of
 * a 'use server' module under app/, components/, db/ or lib/), every route handler with its HTTP methods, and
 * every page. Reads files only; `loadServerActions` imports the action modules (call it where `@/db` is mocked).
 */

/** The folders that hold the app's code. */
const SOURCE_DIRS = ['app', 'components', 'db', 'lib'] as const;
const SOURCE_FILE = /\.(ts|tsx|js|jsx|mjs)$/;

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A route handler: its URL pattern (folders under app/, route groups dropped), file, and the methods it exports. */
export interface RouteHandlerFile {
  route: string;
  file: string;
  methods: HttpMethod[];
}

/** A page: its URL pattern and file. */
export interface PageFile {
  route: string;
  file: string;
}

function filesUnder(dir: string, root: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : filesUnder(relative, root);
    return SOURCE_FILE.test(entry.name) ? [relative] : [];
  });
}

/** The source with comments blanked out, so that a directive or an export in a comment does not count. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

const DIRECTIVE = /^\s*(['"])use server\1\s*;?\s*$/m;

/** Whether the module's first statement is the 'use server' directive: every export is then a public endpoint. */
function isServerModule(source: string): boolean {
  return /^\s*(['"])use server\1/.test(withoutComments(source));
}

/** The source files of the app, relative to `root` (the project folder), in a stable order. */
export function sourceFiles(root = process.cwd()): string[] {
  return SOURCE_DIRS.flatMap((dir) => filesUnder(dir, root)).sort();
}

/** Files whose module is 'use server' (every export a server action). */
export function serverActionFiles(root = process.cwd()): string[] {
  return sourceFiles(root).filter((file) => isServerModule(fs.readFileSync(path.join(root, file), 'utf8')));
}

/**
 * Files with a 'use server' directive inside a function (an inline server action, e.g. in a page's form): such
 * actions are endpoints that cannot be imported by name, so the tests require that there are none.
 */
export function inlineServerActionFiles(root = process.cwd()): string[] {
  return sourceFiles(root).filter((file) => {
    const source = withoutComments(fs.readFileSync(path.join(root, file), 'utf8'));
    const body = isServerModule(source) ? source.replace(/^\s*(['"])use server\1\s*;?/, '') : source;
    return DIRECTIVE.test(body);
  });
}

/** One exported server action. */
export interface ServerAction {
  name: string;
  file: string;
  action: (previous: null, form: FormData) => Promise<unknown>;
}

/**
 * Every exported server action by name, imported from the 'use server' modules. Throws if two modules export
 * the same name (the matrices key on it).
 */
export async function loadServerActions(root = process.cwd()): Promise<Map<string, ServerAction>> {
  const actions = new Map<string, ServerAction>();
  for (const file of serverActionFiles(root)) {
    const exported = (await import(path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function') continue;
      const existing = actions.get(name);
      if (existing) throw new Error(`Two server actions are named ${name}: in ${existing.file} and ${file}`);
      actions.set(name, { name, file, action: value as ServerAction['action'] });
    }
  }
  return actions;
}

/** The URL pattern of a page or route file: its folders under app/, route groups such as (staff) dropped. */
function routeOf(file: string): string {
  const segments = path.dirname(path.relative('app', file)).split(path.sep).filter((s) => s && s !== '.' && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

/** The HTTP methods a route module exports (`export const GET`, `export async function POST`, `export { f as GET }`). */
export function exportedMethods(source: string): HttpMethod[] {
  const code = withoutComments(source);
  const found = new Set<string>();
  for (const [, name] of code.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(name!);
  for (const [, list] of code.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of list!.split(',')) {
      const name = item.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) found.add(name);
    }
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

/** Every route handler under app/ with the methods it answers. */
export function routeHandlers(root = process.cwd()): RouteHandlerFile[] {
  return filesUnder('app', root)
    .filter((file) => /^route\.(ts|js)$/.test(path.basename(file)))
    .map((file) => ({ route: routeOf(file), file, methods: exportedMethods(fs.readFileSync(path.join(root, file), 'utf8')) }))
    .sort((a, b) => a.route.localeCompare(b.route));
}

/** Every page under app/. */
export function pages(root = process.cwd()): PageFile[] {
  return filesUnder('app', root)
    .filter((file) => /^page\.(tsx|ts|jsx|js)$/.test(path.basename(file)))
    .map((file) => ({ route: routeOf(file), file }))
    .sort((a, b) => a.route.localeCompare(b.route));
}

/** "METHOD /route" for every method of every route handler: the keys the route fuzz test covers. */
export function routeEndpoints(root = process.cwd()): string[] {
  return routeHandlers(root).flatMap((r) => r.methods.map((method) => `${method} ${r.route}`));
}
