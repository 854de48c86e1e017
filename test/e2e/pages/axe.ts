import type { Page } from 'playwright-core';

/**
 * Accessibility violations on the current page (axe-core), as "rule: targets". Waits for the document title
 * first: after a client-side navigation Next streams the page's metadata, so the heading can be on screen a
 * moment before the title is.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForFunction(() => document.title.trim() !== '');
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  });
}
