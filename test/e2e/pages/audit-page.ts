import type { Page } from 'playwright-core';

/** The officers' audit log at /audit: filters, entries, chain status and the CSV link. */
export class AuditPage {
  constructor(readonly page: Page) {}

  filters() {
    return this.page.getByRole('search', { name: 'Audit log filters' });
  }

  async filter(values: { actor?: string; action?: string; target?: string; from?: string; to?: string }): Promise<void> {
    const form = this.filters();
    if (values.actor !== undefined) await form.getByLabel('Who (e-mail)').fill(values.actor);
    if (values.action !== undefined) await form.getByLabel('Action').selectOption(values.action);
    if (values.target !== undefined) await form.getByLabel('Target').fill(values.target);
    if (values.from !== undefined) await form.getByLabel('From').fill(values.from);
    if (values.to !== undefined) await form.getByLabel('To (inclusive)').fill(values.to);
    const before = this.page.url();
    await form.getByRole('button', { name: 'Apply filters' }).click();
    await this.page.waitForURL((url) => url.href !== before, { timeout: 15_000 });
  }

  entries() {
    return this.page.getByRole('table', { name: 'Audit entries' }).locator('tbody tr');
  }

  chainStatus() {
    return this.page.getByTestId('chain-status');
  }

  csvLink() {
    return this.page.getByRole('link', { name: /Download these entries \(CSV\)/ });
  }
}
