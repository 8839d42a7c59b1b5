import type { Page } from 'playwright-core';

/** Signs in through the console's login form, as an operator would. */
export async function loginThroughForm(page: Page, username: string, password: string): Promise<void> {
  await page.fill('[data-testid="login-form"] input[name="username"]', username);
  await page.fill('[data-testid="login-form"] input[name="password"]', password);
  await page.click('[data-testid="login-form"] button[type="submit"]');
}
