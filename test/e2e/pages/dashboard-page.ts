import type { Page } from 'playwright-core';

/** The organisation / My teams dashboards and the drill-down pages below them. */
export class DashboardPage {
  constructor(private readonly page: Page) {}

  chart() {
    return this.page.locator('[data-chart="risk-trend"]');
  }

  /** The `d` attributes of the drawn lines (one per series). */
  async linePaths(): Promise<string[]> {
    await this.chart().locator('.recharts-line-curve').first().waitFor({ timeout: 15_000 });
    return this.chart().locator('.recharts-line-curve').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
  }

  async filter(label: 'Sector' | 'Team' | 'Chart range' | 'Chart lines', value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption(value);
  }

  async apply(): Promise<void> {
    await Promise.all([this.page.waitForURL((url) => url.search.length > 0, { timeout: 15_000 }), this.page.getByRole('button', { name: 'Apply filters' }).click()]);
  }

  breadcrumb(name: string) {
    return this.page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name });
  }

  /** Runs axe-core on the page and returns the violations, as "id: target" lines. */
  async axeViolations(): Promise<string[]> {
    await this.page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    return this.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document);
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
    });
  }
}
