import type { Page } from 'playwright-core';

/** The sign-in page: fill the form, submit, and wait for where it leads. */
export class SignInPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/signin`);
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.open();
    await this.page.getByLabel('Work e-mail').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  /** The single sign-on button, present only when an OpenID Connect issuer is configured. */
  ssoButton() {
    return this.page.getByRole('button', { name: /^Sign in with / });
  }

  /** The message shown when a sign-in came back refused (`?error=`). */
  refusal() {
    return this.page.getByTestId('sign-in-refused');
  }

  /** Signs in and waits until the browser has arrived at the role's home (past `/`, which redirects). */
  async signInAndWait(email: string, password: string): Promise<void> {
    await this.signIn(email, password);
    await this.page.waitForURL((url) => !['/signin', '/'].includes(url.pathname), { timeout: 15_000 });
  }

  errorMessage() {
    return this.page.locator('form').getByRole('alert');
  }
}
