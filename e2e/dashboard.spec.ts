import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, signUpInBrowser, test } from './fixtures/test.js';

const SHOTS = 'e2e/screenshots';
fs.mkdirSync(SHOTS, { recursive: true });

async function linkPlatypus(page: Page) {
  await page.getByRole('button', { name: 'Link your first institution' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link an institution' });
  await dialog.getByLabel('Institution').selectOption({ label: 'First Platypus Bank' });
  await dialog.getByLabel('Bank username').fill('user_good');
  await dialog.getByLabel('Bank password').fill('pass_good');
  await dialog.getByRole('button', { name: 'Link' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'First Platypus Bank' })).toBeVisible();
  await expect(page.getByText('Up to date')).toBeVisible({ timeout: 20_000 });
}

const netWorth = (page: Page) => page.getByRole('region', { name: 'Net worth', exact: true });

test('the demo dashboard shows net worth both ways, the chart and every account', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(netWorth(page)).toContainText('Without loans$68,042.74positive');
  await expect(netWorth(page)).toContainText('With loans-$53,521.32negative');
  await expect(page.getByRole('img', { name: /Net worth without loans by institution: First Platypus Bank \$68,042\.74 \(100%\)/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /First Platypus Bank \$68,042\.74 100%/ })).toBeVisible();
  const card = page.getByRole('article', { name: 'First Platypus Bank' });
  await expect(card.getByRole('listitem')).toHaveCount(9);
  await expect(card.getByRole('listitem').filter({ hasText: 'Plaid Credit Card' })).toContainText('Owed-$410.00Limit$2,000.00Available credit$1,590.00');
  await expect(card.getByRole('listitem').filter({ hasText: 'Plaid Checking' })).toContainText('Available$100.00Current$110.00');
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/dashboard-desktop.png`, fullPage: true });

  await page.setViewportSize({ width: 360, height: 800 });
  await expect(netWorth(page)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/dashboard-phone.png`, fullPage: true });
});

test('the dashboard in dark mode', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(netWorth(page)).toContainText('$68,042.74');
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/dashboard-dark.png`, fullPage: true });
  await context.close();
});

test('a wrong bank password shows the error in the connect dialog and links nothing', async ({ page }) => {
  await signUpInBrowser(page);
  await page.getByRole('button', { name: 'Link your first institution' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link an institution' });
  await dialog.getByLabel('Bank username').fill('user_good');
  await dialog.getByLabel('Bank password').fill('wrong_password');
  await dialog.getByRole('button', { name: 'Link' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/username or password is wrong/);
  await expect(dialog.getByLabel('Bank password')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'No institutions linked yet' })).toBeVisible();
});

test('link through the dialog, refresh in place, then remove an account and the institution', async ({ page }) => {
  await signUpInBrowser(page);
  await expect(page.getByRole('heading', { name: 'No institutions linked yet' })).toBeVisible();
  await linkPlatypus(page);
  await expect(netWorth(page)).toContainText('With loans-$53,521.32');
  // A marker on the window proves nothing below reloads the page.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  const card = page.getByRole('article', { name: 'First Platypus Bank' });
  await card.getByRole('button', { name: 'Refresh First Platypus Bank' }).click();
  await expect(card.getByText('Up to date')).toBeVisible({ timeout: 20_000 });
  await expect(card.getByRole('button', { name: 'Refresh First Platypus Bank' })).toBeEnabled();

  await card.getByRole('button', { name: /Remove account Plaid Mortgage/ }).click();
  const confirmAccount = page.getByRole('dialog', { name: /Remove Plaid Mortgage/ });
  await expect(confirmAccount).toBeVisible();
  await expectAccessible(page);
  await confirmAccount.getByRole('button', { name: 'Remove account' }).click();
  await expect(netWorth(page)).toContainText('With loans$2,780.74positive');
  await expect(card.getByRole('listitem')).toHaveCount(8);

  await card.getByRole('button', { name: 'Remove First Platypus Bank' }).click();
  const confirmInstitution = page.getByRole('dialog', { name: 'Remove First Platypus Bank?' });
  await confirmInstitution.getByRole('button', { name: 'Remove First Platypus Bank' }).click();
  await expect(page.getByRole('heading', { name: 'No institutions linked yet' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Net worth without loans/ })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
});
