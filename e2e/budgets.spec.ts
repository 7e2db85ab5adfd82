import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { alertEnv } from './fixtures/server-env.js';
import { expect, expectAccessible, signUpInBrowser, test } from './fixtures/test.js';

const checkingRow = (page: Page) => page.getByRole('article', { name: 'First Platypus Bank' }).getByRole('listitem').filter({ hasText: 'Plaid Checking' });

test('create, edit and delete a budget on the demo user’s checking account', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  const row = checkingRow(page);
  await row.getByRole('button', { name: 'Set a monthly budget for Plaid Checking' }).click();
  const form = row.getByRole('form', { name: 'Budget for Plaid Checking' });
  await form.getByLabel('Monthly budget ($)').fill('0');
  await form.getByLabel('Text me every (days)').fill('20');
  await form.getByRole('button', { name: 'Set budget' }).click();
  await expect(form.getByText('Monthly budget ($) must be an amount above 0')).toBeVisible();
  await expect(form.getByText('Text me every (days) must be a whole number of days from 1 to 15')).toBeVisible();
  await form.getByLabel('Monthly budget ($)').fill('2,000');
  await form.getByLabel('Text me every (days)').fill('7');
  await form.getByRole('button', { name: 'Set budget' }).click();

  const tracker = row.getByRole('group', { name: 'Budget for Plaid Checking' });
  await expect(tracker).toContainText('of $2,000.00 this month');
  await expect(tracker.getByRole('progressbar')).toBeVisible();
  await expect(tracker).toContainText('A text every 7 days');
  await expectAccessible(page);

  await tracker.getByRole('button', { name: 'Edit budget for Plaid Checking' }).click();
  const edit = row.getByRole('form', { name: 'Budget for Plaid Checking' });
  await expect(edit.getByLabel('Monthly budget ($)')).toHaveValue('2000.00');
  await expect(edit.getByLabel('Text me every (days)')).toHaveValue('7');
  await edit.getByLabel('Monthly budget ($)').fill('50');
  await edit.getByLabel('Text me every (days)').fill('3');
  await edit.getByRole('button', { name: 'Save budget' }).click();
  await expect(tracker).toContainText('of $50.00 this month');
  await expect(tracker).toContainText('A text every 3 days');

  await tracker.getByRole('button', { name: 'Delete budget for Plaid Checking' }).click();
  await page.getByRole('dialog', { name: 'Delete the budget for Plaid Checking?' }).getByRole('button', { name: 'Delete budget' }).click();
  await expect(row.getByRole('button', { name: 'Set a monthly budget for Plaid Checking' })).toBeVisible();
  // Savings accounts cannot carry a budget.
  await expect(page.getByRole('button', { name: 'Set a monthly budget for Plaid Saving' })).toHaveCount(0);
});

test('the notifications page shows a sandbox notification after jobs:daily as of the due date', async ({ page }) => {
  await signUpInBrowser(page, 'Nora');
  await page.getByRole('button', { name: 'Link your first institution' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link an institution' });
  await dialog.getByLabel('Bank username').fill('user_good');
  await dialog.getByLabel('Bank password').fill('pass_good');
  await dialog.getByRole('button', { name: 'Link' }).click();
  await expect(page.getByText('Up to date')).toBeVisible({ timeout: 20_000 });

  const row = checkingRow(page);
  await row.getByRole('button', { name: 'Set a monthly budget for Plaid Checking' }).click();
  await row.getByLabel('Monthly budget ($)').fill('500');
  await row.getByLabel('Text me every (days)').fill('1');
  await row.getByRole('button', { name: 'Set budget' }).click();
  await expect(row.getByRole('group', { name: 'Budget for Plaid Checking' })).toBeVisible();

  const dashboard = await (await page.request.get('/api/dashboard')).json();
  const due = dashboard.institutions[0].accounts.find((a: { name: string }) => a.name === 'Plaid Checking').budgetTracker.nextNotificationOn;
  execFileSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'daily', '--as-of', due, '--reset-demo', 'false'], {
    env: { ...process.env, ...alertEnv, CASHVIEW_DATA_DIR: process.env.CASHVIEW_E2E_DATA_DIR, DATABASE_URL: '' },
    stdio: 'pipe',
  });

  // The navigation counts it as unread (it polls; a reload shows it at once).
  await page.reload();
  await expect(page.getByRole('link', { name: 'Notifications 1 unread' })).toBeVisible();
  await page.getByRole('link', { name: /^Notifications/ }).click();
  const item = page.getByRole('listitem').filter({ hasText: 'Plaid Checking' });
  // Named by bank and mask; a sandbox profile's reminder is recorded, not a failure, and said once.
  await expect(item).toContainText('First Platypus Bank · Plaid Checking ••0000');
  await expect(item.locator('.badge.info', { hasText: 'Recorded' })).toBeVisible();
  await expect(item).toContainText('never texted');
  await expect(item).not.toContainText(/not sent/i);
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await expect(item).toContainText('of $500.00');
  await expect(item).toContainText('CashView budget for Plaid Checking:');
  await expectAccessible(page);
});
