import type { Page } from 'playwright-core';

/** Any signed-in page: heading, navigation, tables and sign-out. */
export class AppPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async goto(pathname: string) {
    return this.page.goto(`${this.baseUrl}${pathname}`);
  }

  pathname(): string {
    return new URL(this.page.url()).pathname;
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  navigationLinks() {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  }

  table(caption: string) {
    return this.page.getByRole('table', { name: caption });
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.waitForURL((url) => url.pathname.startsWith('/signin'), { timeout: 15_000 });
  }
}
