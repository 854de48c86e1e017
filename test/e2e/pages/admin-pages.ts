import type { Page } from 'playwright-core';
import { AppPage } from './app-page';

/** The administrators' people, team and HR import pages. */
export class AdminPages extends AppPage {
  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
  }

  /** Fills and submits the new-person form; resolves once their page has opened. */
  async createPerson({ email, name, role, password }: { email: string; name: string; role: string; password: string }): Promise<void> {
    await this.goto('/admin/people/new');
    const form = this.page.getByRole('form', { name: 'Create a person' });
    await form.getByLabel('Work e-mail').fill(email);
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Role').selectOption(role);
    await form.getByLabel('Initial password').fill(password);
    await form.getByRole('button', { name: 'Create person' }).click();
    await this.page.waitForURL((url) => /^\/admin\/people\/\d+$/.test(url.pathname), { timeout: 15_000 });
  }

  /** On a person's page: adds them to `team` and waits for the confirmation. */
  async addToTeam(team: string): Promise<string | null> {
    const form = this.page.getByRole('form', { name: 'Add to a team' });
    await form.getByLabel('Team', { exact: true }).selectOption({ label: team });
    await form.getByRole('button', { name: 'Add to team' }).click();
    await form.getByRole('status').waitFor({ timeout: 15_000 });
    return form.getByRole('status').textContent();
  }

  /** Uploads an HR file and previews it; returns the preview's text. */
  async previewHrImport(file: string): Promise<string | null> {
    await this.goto('/admin/hr-import');
    const form = this.page.getByRole('form', { name: 'Import people' });
    await form.getByLabel('HR CSV file').setInputFiles(file);
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = this.page.getByRole('region', { name: 'Import preview' });
    await preview.waitFor({ timeout: 15_000 });
    return preview.textContent();
  }

  /** Applies the previewed HR file; returns the outcome's text. */
  async applyHrImport(): Promise<string | null> {
    await this.page.getByRole('button', { name: 'Apply this file' }).click();
    const result = this.page.getByRole('region', { name: 'Import result' });
    await result.waitFor({ timeout: 15_000 });
    return this.page.getByRole('status').first().textContent();
  }
}
