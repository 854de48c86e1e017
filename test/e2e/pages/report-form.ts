import type { Download, Page } from 'playwright-core';

/** The "Quarterly report" control on the team and organisation pages. */
export class QuarterlyReportForm {
  constructor(private readonly page: Page) {}

  section() {
    return this.page.getByRole('region', { name: 'Quarterly report' });
  }

  /** The quarters offered, as their labels ('2026-Q3'). */
  quarters(): Promise<string[]> {
    return this.section().getByLabel('Quarter', { exact: true }).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  }

  async chooseQuarter(label: string): Promise<void> {
    await this.section().getByLabel('Quarter', { exact: true }).selectOption(label);
  }

  /** Clicks Download PDF and waits for the browser's download. */
  async download(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 30_000 }), this.section().getByRole('button', { name: 'Download PDF' }).click()]);
    return download;
  }
}
