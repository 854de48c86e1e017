import type { Page } from 'playwright-core';

/** The staff device form at /my/devices/new and /my/devices/[id]. */
export class DeviceFormPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async openNew(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/my/devices/new`);
  }

  async fill(device: { kind: string; ownership: string; model: string; os: string; osVersion: string; passcode?: boolean; encrypted?: boolean }): Promise<void> {
    await this.page.getByLabel('Kind').selectOption(device.kind);
    await this.page.getByLabel('Who owns it').selectOption(device.ownership);
    await this.page.getByLabel('Model').fill(device.model);
    await this.page.getByLabel('Operating system').selectOption(device.os);
    await this.page.getByLabel('OS version').fill(device.osVersion);
    if (device.passcode) await this.page.getByLabel('A passcode, PIN or biometric lock is set').check();
    if (device.encrypted) await this.page.getByLabel('Storage is encrypted').check();
  }

  /** Ticks a messaging app, then the given settings of it (labels as the form shows them). */
  async addApp(label: string, settings: readonly string[]): Promise<void> {
    const box = this.page.getByRole('group', { name: 'Messaging apps on this device' }).locator('div.rounded-md').filter({ hasText: label }).first();
    await box.getByRole('checkbox', { name: label, exact: true }).check();
    for (const setting of settings) await box.getByLabel(setting).check();
  }

  async submit(name = 'Register device'): Promise<void> {
    await this.page.getByRole('button', { name }).click();
  }

  status() {
    return this.page.getByRole('status');
  }
}

/** The officer import page at /imports. */
export class ImportPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/imports`);
  }

  async preview(filePath: string): Promise<void> {
    await this.page.getByLabel('CSV file').setInputFiles(filePath);
    await this.page.getByRole('button', { name: /^Preview/ }).click();
    await this.page.getByRole('region', { name: 'Import preview' }).waitFor();
  }

  previewRegion() {
    return this.page.getByRole('region', { name: 'Import preview' });
  }

  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: /^Import \d+ row/ }).click();
    await this.page.getByRole('region', { name: 'Import result' }).waitFor();
  }

  resultRegion() {
    return this.page.getByRole('region', { name: 'Import result' });
  }
}
