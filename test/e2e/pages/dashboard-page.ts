import type { Page } from 'playwright-core';
import { axeViolations } from './axe';

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
  axeViolations(): Promise<string[]> {
    return axeViolations(this.page);
  }
}
