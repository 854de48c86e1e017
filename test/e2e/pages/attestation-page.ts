import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import type { Question } from '@/lib/policy/types';

/** The attestation form, its receipt, and the campaign progress page. */
export class AttestationPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  /** The "Complete my … attestation" call to action on My compliance. */
  dueLink(period: string) {
    return this.page.getByRole('link', { name: `Complete my ${period} attestation` });
  }

  /** Answers each question (numbered as the form numbers them) with `answer(question)`. */
  async answer(questions: readonly Question[], answer: (q: Question) => string | number | boolean | readonly string[]): Promise<void> {
    for (const [index, question] of questions.entries()) {
      const label = `${index + 1}. ${question.text}`;
      const value = answer(question);
      if (question.type === 'number' || question.type === 'text') {
        await this.page.getByLabel(label, { exact: true }).fill(String(value));
        continue;
      }
      const group = this.page.getByRole('group', { name: label, exact: true });
      if (question.type === 'yes_no') await group.getByLabel(value === true ? 'Yes' : 'No', { exact: true }).check();
      else if (question.type === 'choice') await group.getByLabel(String(value), { exact: true }).check();
      else for (const option of value as readonly string[]) await group.getByLabel(option, { exact: true }).check();
    }
  }

  async sign(name: string): Promise<void> {
    await this.page.getByLabel('Type your full name to sign').fill(name);
    await this.page.getByLabel(/I confirm these answers are true/).check();
  }

  /** Submits and waits for the receipt. */
  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign and submit' }).click();
    await this.page.waitForURL((url) => url.pathname.startsWith('/attest/receipt/'), { timeout: 30_000 });
  }

  async saveDraft(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save draft' }).click();
    await this.page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor({ timeout: 15_000 });
  }

  receiptHash() {
    return this.page.getByTestId('record-hash');
  }

  /** "3 of 9 (33%)" on a campaign progress page. */
  async completion(campaignId: number): Promise<string> {
    await this.page.goto(`${this.baseUrl}/campaigns/${campaignId}`);
    return (await this.page.getByTestId('campaign-completion').textContent()) ?? '';
  }

  /** Accessibility violations on the current page (axe-core), as "rule: targets". */
  axeViolations(): Promise<string[]> {
    return axeViolations(this.page);
  }
}
