import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, linkBankInBrowser, signUpInBrowser, test } from './fixtures/test.js';

// Issue 11: transactions, spending by category, net worth over time and the exports, at a desktop
// and a phone width, on a new person who links First Platypus Bank (their own data, not the demo's).
const WIDTHS = [1366, 390];

const cents = (text: string) => {
  const match = /(-?)\$([\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  return (match[1] ? -1 : 1) * (Number(match[2]!.replaceAll(',', '')) * 100 + Number(match[3]));
};
const amounts = async (locator: Locator) => (await locator.allTextContents()).map(cents);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

async function linkPlatypus(page: Page) {
  await linkBankInBrowser(page);
  await expect(page.getByRole('article', { name: 'First Platypus Bank' }).getByText('Up to date')).toBeVisible({ timeout: 30_000 });
}

async function openNav(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name: name === 'Spending' ? 'Spending by category' : name })).toBeVisible();
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('search, filter and re-categorise transactions; a tracker opens the transactions it counts', async ({ page }) => {
      await signUpInBrowser(page);
      await linkPlatypus(page);
      await openNav(page, 'Transactions');
      const rows = page.locator('.transaction');
      await expect(rows.first()).toBeVisible();
      await expectAccessible(page);

      await page.getByLabel('Search names and merchants').fill('starbucks');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page).toHaveURL(/search=starbucks/);
      await expect(page.locator('.transaction-list')).toHaveAttribute('aria-busy', 'false');
      await expect(rows.first()).toContainText('Starbucks');
      for (const text of await rows.locator('.transaction-name').allTextContents()) expect(text).toMatch(/starbucks/i);
      await page.getByLabel('Category').selectOption({ label: 'Food and drink' });
      await expect(page).toHaveURL(/category=FOOD_AND_DRINK/);
      await expect(page.locator('.transaction-list')).toHaveAttribute('aria-busy', 'false');
      await expect(rows.first()).toContainText('Food and drink');
      // The summary adds up the rows shown.
      await expect(async () => expect(cents((await page.locator('.list-summary strong').textContent())!)).toBe(sum(await amounts(rows.locator('.transaction-amount'))))).toPass();

      const first = rows.first();
      await first.getByRole('button', { name: /^Edit/ }).click();
      const editor = first.getByRole('form', { name: /^Change/ });
      await editor.getByLabel('Category').selectOption({ label: 'Transfer out' });
      await editor.getByRole('button', { name: 'Save' }).click();
      await expect(editor).toBeHidden();
      // It no longer is food and drink: the filtered list lets it go; without the filter it reads as the person's.
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.getByLabel('Category').selectOption({ label: 'Transfer out' });
      await expect(rows.filter({ hasText: 'Starbucks' }).first()).toContainText('Transfer out (yours)');
      await expectAccessible(page);

      // A budget on checking; its "spent" opens exactly the transactions it counts.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      const checking = page.getByRole('article', { name: 'First Platypus Bank' }).getByRole('listitem').filter({ hasText: 'Plaid Checking' });
      await checking.getByRole('button', { name: 'Set a monthly budget for Plaid Checking' }).click();
      const form = checking.getByRole('form', { name: 'Budget for Plaid Checking' });
      await form.getByLabel('Monthly budget ($)').fill('500');
      await form.getByLabel('Text me every (days)').fill('7');
      await form.getByRole('button', { name: 'Set budget' }).click();
      const spentLink = checking.getByRole('link', { name: /spent on Plaid Checking/ });
      const spent = cents((await spentLink.textContent())!);
      await spentLink.click();
      await expect(page.getByRole('heading', { level: 1, name: 'Transactions' })).toBeVisible();
      await expect(page.getByLabel('Only what budgets count as spending')).toBeChecked();
      await expect(async () => expect(cents((await page.locator('.list-summary strong').textContent())!)).toBe(-spent)).toPass();
    });

    test('spending by category adds up, and a category opens its transactions', async ({ page }) => {
      await signUpInBrowser(page);
      await linkPlatypus(page);
      await openNav(page, 'Spending');
      const table = page.getByRole('table', { name: /Spending in .* by category/ });
      await expect(table).toBeVisible();
      const spentCells = table.locator('tbody td.num:nth-of-type(1)');
      const total = cents((await table.locator('tfoot strong').textContent())!);
      expect(sum(await amounts(spentCells))).toBe(total);
      await expect(page.getByRole('img', { name: /Spending in .* by category/ })).toBeVisible();
      await expectAccessible(page);
      const firstCategory = table.locator('tbody th a').first();
      const name = (await firstCategory.textContent())!;
      const amount = cents((await table.locator('tbody tr').first().locator('td.num').first().textContent())!);
      await firstCategory.click();
      await expect(page.getByRole('heading', { level: 1, name: 'Transactions' })).toBeVisible();
      await expect(page.locator('.transaction').first()).toContainText(name);
      await expect(async () => expect(cents((await page.locator('.list-summary strong').textContent())!)).toBe(-amount)).toPass();
    });

    test('pick a day on the net-worth chart and read how it adds up; download the CSV', async ({ page }) => {
      await signUpInBrowser(page);
      await linkPlatypus(page);
      const history = page.getByRole('region', { name: 'Net worth over time' });
      const chart = history.getByRole('slider', { name: /Day to explain/ });
      await expect(chart).toBeVisible();
      // Today's point is the headline figure.
      await expect(chart).toHaveAttribute('aria-valuetext', /\$68,042\.74 without loans, -\$53,521\.32 with loans$/);
      await chart.focus();
      for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
      const explanation = history.locator('.explanation');
      await expect(explanation.locator('details')).toHaveAttribute('open', '');
      const table = explanation.getByRole('table', { name: /How each account counts/ });
      await expect(table.locator('tbody tr')).toHaveCount(9);
      await expect(table).toContainText('estimated from later transactions');
      const without = await amounts(table.locator('tbody td[data-label="Without loans"]'));
      const withLoans = await amounts(table.locator('tbody td[data-label="With loans"]'));
      expect(sum(without)).toBe(cents((await table.locator('tfoot td[data-label="Without loans"]').textContent())!));
      expect(sum(withLoans)).toBe(cents((await table.locator('tfoot td[data-label="With loans"]').textContent())!));
      await history.getByRole('radio', { name: '1M' }).click();
      await expect(history.getByRole('radio', { name: '1M' })).toHaveAttribute('aria-checked', 'true');
      await expectAccessible(page);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'All transactions (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^cashview-transactions-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = fs.readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
      expect(csv[0]).toMatch(/^date,name,merchant,category/);
      expect(csv.length).toBeGreaterThan(100);
      await expectAccessible(page);
    });
  });
}
