import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportedMethods, inlineServerActionFiles, pages, routeHandlers, serverActionFiles } from '../helpers/app-surface';

/** The discovery the access matrices and fuzz tests rely on: if it missed something, so would they. */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-surface-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};

write('lib/actions/things.ts', "// Things\n'use server';\n\nexport async function makeThing() {}\n");
write('app/(staff)/things/actions.ts', '"use server"\nexport async function inApp() {}\n');
write('lib/plain.ts', "export const text = 'use server';\n// 'use server'\n");
write('app/(staff)/things/page.tsx', "export default function Page() {\n  async function save() {\n    'use server';\n  }\n  return save;\n}\n");
write('app/(admin)/admin/[id]/page.tsx', 'export default function Page() {}\n');
write('app/api/things/[id]/route.ts', 'export const GET = handle;\nexport async function DELETE() {}\n');
write('app/api/auth/route.ts', 'function handle() {}\nexport { handle as GET, handle as POST };\n');

describe('app surface discovery', () => {
  it("finds 'use server' modules anywhere, after comments, and not a string that merely says it", () => {
    expect(serverActionFiles(root)).toEqual([path.join('app', '(staff)', 'things', 'actions.ts'), path.join('lib', 'actions', 'things.ts')]);
  });

  it('finds inline server actions inside functions', () => {
    expect(inlineServerActionFiles(root)).toEqual([path.join('app', '(staff)', 'things', 'page.tsx')]);
  });

  it('lists pages and route handlers by URL, route groups dropped, with every exported method', () => {
    expect(pages(root).map((p) => p.route)).toEqual(['/admin/[id]', '/things']);
    expect(routeHandlers(root).map((r) => [r.route, r.methods])).toEqual([
      ['/api/auth', ['GET', 'POST']],
      ['/api/things/[id]', ['GET', 'DELETE']],
    ]);
  });

  it.each([
    ['export const GET = handleErrors(async () => x);', ['GET']],
    ['export async function POST(request) {}', ['POST']],
    ['export function PATCH() {}\nexport const dynamic = "force-dynamic";', ['PATCH']],
    ['export { a as GET, b as PUT, helper };', ['GET', 'PUT']],
    ['// export const DELETE = x;\n/* export const POST = y; */', []],
  ])('reads the methods of %j', (source, methods) => {
    expect(exportedMethods(source)).toEqual(methods);
  });
});
