import type { Page } from 'playwright-core';

/** oidc-provider's development login and consent pages. */
export class IdentityProviderPage {
  constructor(private readonly page: Page) {}

  /** Signs in as `login` (any password) and gives consent when asked; resolves once the browser has left for the app. */
  async signIn(login: string, appUrl: string): Promise<void> {
    await this.page.locator('input[name="login"]').fill(login);
    await this.page.locator('input[name="password"]').fill('any-password');
    await this.page.getByRole('button', { name: 'Sign-in' }).click();
    const backAtApp = (url: URL) => url.origin === new URL(appUrl).origin;
    const consent = this.page.getByRole('button', { name: 'Continue' });
    await Promise.race([this.page.waitForURL(backAtApp, { timeout: 15_000 }), consent.waitFor({ timeout: 15_000 })]);
    if (!backAtApp(new URL(this.page.url()))) await consent.click();
    await this.page.waitForURL(backAtApp, { timeout: 15_000 });
  }
}
