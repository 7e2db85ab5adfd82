import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, linkBankInBrowser, signUpInBrowser, test, uniqueUsername } from './fixtures/test.js';

// Issue 9: figures a person can reconcile, and the rough edges a new user hit, at a desktop and a
// phone width (and 320 px for the layout).
const WIDTHS = [1366, 390];

/** "$1,234.56" or "-$410.00" as shown, in cents. */
const cents = (text: string) => {
  const match = /(-?)\$([\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  return (match[1] ? -1 : 1) * (Number(match[2]!.replaceAll(',', '')) * 100 + Number(match[3]));
};
const amountIn = async (locator: Locator) => cents((await locator.textContent()) ?? '');
const netWorth = (page: Page) => page.getByRole('region', { name: 'Net worth', exact: true });

async function tryDemo(page: Page) {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Test' })).toBeVisible();
}

const linkBank = linkBankInBrowser;

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('the rows shown add up, group by group, to the institution and to net worth', async ({ page }) => {
      await tryDemo(page);
      await expect(page.getByText(/shared demo: everyone who tries it/)).toBeVisible();
      const card = page.getByRole('article', { name: 'First Platypus Bank' });
      await expect(card.getByRole('listitem')).toHaveCount(9);
      let withoutLoans = 0;
      let loans = 0;
      for (const group of ['Cash', 'Credit', 'Investments', 'Loans']) {
        const region = card.getByRole('region', { name: new RegExp(`^${group}`) });
        const rows = await region.locator('.counted dd').allTextContents();
        const total = rows.map(cents).reduce((a, b) => a + b, 0);
        expect(total, `${group} rows add up to its subtotal`).toBe(await amountIn(region.locator('.group-head > .amount')));
        if (group === 'Loans') loans = total;
        else withoutLoans += total;
      }
      const headline = netWorth(page);
      expect(withoutLoans).toBe(await amountIn(headline.locator('.figure').filter({ hasText: 'Without loans' }).locator('.figure-value')));
      expect(withoutLoans + loans).toBe(await amountIn(headline.locator('.figure').filter({ hasText: 'With loans' }).locator('.figure-value')));
      expect(withoutLoans).toBe(6_804_274);
      // Each row labels what it counts: savings by what is available, investments by value, loans owed.
      await expect(card.getByRole('listitem').filter({ hasText: 'Plaid Saving' })).toContainText('Available$200.00Current$210.00');
      await expect(card.getByRole('listitem').filter({ hasText: 'Plaid IRA' })).toContainText('Value$320.76');
      await expect(card.getByRole('listitem').filter({ hasText: 'Plaid Mortgage' })).toContainText('Owed-$56,302.06');
      await expect(headline).toContainText(/as of/);
      await expectAccessible(page);
    });

    test('hide is reversible and remove is for good, and each confirmation says which', async ({ page }) => {
      await signUpInBrowser(page, 'Hana');
      await linkBank(page, 'Tartan Bank');
      const card = page.getByRole('article', { name: 'Tartan Bank' });
      await expect(card.getByText('Up to date')).toBeVisible({ timeout: 20_000 });
      await expect(netWorth(page)).toContainText('Without loans$68,042.74');

      await card.getByRole('button', { name: 'Hide account Plaid Money Market ••4444' }).click();
      const hide = page.getByRole('dialog', { name: 'Hide Plaid Money Market ••4444?' });
      await expect(hide).toContainText('You can show it again at any time. Nothing is deleted.');
      await expectAccessible(page);
      await hide.getByRole('button', { name: 'Hide account' }).click();
      await expect(netWorth(page)).toContainText('Without loans$24,842.74');
      const hiddenRow = card.getByRole('listitem').filter({ hasText: 'Plaid Money Market' });
      await expect(hiddenRow).toContainText('hidden, not counted');
      await hiddenRow.getByRole('button', { name: 'Show account Plaid Money Market ••4444 in totals' }).click();
      await expect(netWorth(page)).toContainText('Without loans$68,042.74');

      await card.getByRole('button', { name: 'Remove account Plaid Money Market ••4444' }).click();
      const remove = page.getByRole('dialog', { name: 'Remove Plaid Money Market ••4444?' });
      await expect(remove).toContainText('for good');
      await expect(remove).toContainText('choose Hide instead');
      await remove.getByRole('button', { name: 'Remove account' }).click();
      await expect(netWorth(page)).toContainText('Without loans$24,842.74');
      // Focus went somewhere sensible, not to <body>, although the row it came from is gone.
      expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');

      await card.getByRole('button', { name: 'Refresh Tartan Bank' }).click();
      await expect(card.getByText('Up to date')).toBeVisible({ timeout: 20_000 });
      await page.reload();
      await expect(card.getByRole('listitem')).toHaveCount(8);
      await expect(card.getByText('Plaid Money Market')).toHaveCount(0);
      await expect(netWorth(page)).toContainText('Without loans$24,842.74');
    });

    test('focus returns to what opened a dialog, and moves to the heading on every page change', async ({ page }) => {
      await signUpInBrowser(page, 'Fiona');
      const opener = page.getByRole('button', { name: 'Link an institution' });
      await opener.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Link an institution' });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await expect(opener).toBeFocused();

      await page.getByRole('link', { name: 'Profile' }).click();
      await expect(page.getByRole('heading', { name: 'Your profile' })).toBeFocused();
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await expect(page.getByRole('heading', { name: 'Hello, Fiona' })).toBeFocused();
    });

    test('a bank that asks for a code asks a question, not an error', async ({ page }) => {
      await signUpInBrowser(page, 'Maya');
      await page.getByRole('button', { name: 'Link your first institution' }).click();
      const dialog = page.getByRole('dialog', { name: 'Link an institution' });
      await dialog.getByLabel('Bank username').fill('mfa_device');
      await dialog.getByLabel('Bank password').fill('pass_good');
      await dialog.getByRole('button', { name: 'Link' }).click();
      await expect(dialog.getByRole('status')).toHaveText(/sent a code to your device/);
      await expect(dialog.getByRole('alert')).toHaveCount(0);
      const code = dialog.getByLabel('Code from your device');
      await expect(code).not.toHaveAttribute('aria-invalid', 'true');
      await expectAccessible(page);
      await code.fill('1234');
      await dialog.getByRole('button', { name: 'Link' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('heading', { name: 'First Platypus Bank' })).toBeVisible();
    });

    test('while a bank links, net worth says so instead of $0.00', async ({ page }) => {
      await signUpInBrowser(page, 'Lina');
      await linkBank(page, 'Houndstooth Bank');
      // Each call to the simulated Plaid takes a moment here (playwright.config.ts), so linking is seen.
      await expect(netWorth(page)).toContainText(/Linking (a new institution|Houndstooth Bank)… Your net worth appears/);
      await expect(netWorth(page)).not.toContainText('$0.00');
      await expect(page.getByRole('region', { name: 'Where it is' })).toContainText('once your institution has finished linking');
      await expect(netWorth(page)).toContainText('Without loans$68,042.74', { timeout: 20_000 });
    });

    test('signing up offers only what this server can do, and says why', async ({ page }) => {
      await page.goto('/signup');
      const real = page.getByRole('radio', { name: /My real banks/ });
      await expect(real).toBeDisabled();
      await expect(page.getByText(/Not available: this server has no Plaid keys/)).toBeVisible();
      await expect(page.getByRole('radio', { name: /Demo data/ })).toBeChecked();
      await expect(page.getByText('letters A–Z (no accents)')).toBeVisible();
      await expectAccessible(page);
    });

    test('after signing in, the page that was asked for opens; a deleted profile is confirmed', async ({ page }) => {
      const { username, password } = await signUpInBrowser(page, 'Nell');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await page.goto('/notifications');
      await expect(page).toHaveURL(/\/signin\?next=%2Fnotifications$/);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Notifications', exact: true })).toBeVisible();
      await expect(page).toHaveURL(/\/notifications$/);

      await page.getByRole('link', { name: 'Profile' }).click();
      await page.getByRole('button', { name: 'Delete my profile…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete your profile?' });
      await dialog.getByLabel('Current password').fill(password);
      await dialog.getByRole('button', { name: 'Delete my profile' }).click();
      await expect(page.getByText('Your profile and everything in it were deleted')).toBeVisible();
    });

    test('when CashView cannot be reached, a retry brings the page back', async ({ page }) => {
      let down = true;
      await page.route('**/api/session', (route) => (down ? route.abort('connectionrefused') : route.continue()));
      await page.goto('/signin');
      const alert = page.getByRole('alert').filter({ hasText: 'could not be reached' });
      await expect(alert).toBeVisible();
      down = false;
      await alert.getByRole('button', { name: 'try again' }).click();
      await expect(alert).toBeHidden();
      await expect(page.getByRole('button', { name: 'Try the demo' })).toBeVisible();
    });

    test('the navigation fits: "Sign out" on one line, nothing scrolls sideways', async ({ page }) => {
      await signUpInBrowser(page, 'Ona', undefined, uniqueUsername());
      const signOut = page.getByRole('button', { name: 'Sign out' });
      const box = (await signOut.boundingBox())!;
      const lineHeight = await signOut.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
      expect(box.height).toBeLessThan(lineHeight * 2 + 24);
      for (const path of ['/dashboard', '/notifications', '/profile']) {
        await page.goto(path);
        await expect(page.locator('main h1')).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBe(0);
      }
    });
  });
}

test('nothing scrolls sideways at 320 px, signed out or in', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  for (const path of ['/', '/signin', '/signup']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
  }
  await tryDemo(page);
  await expect(page.getByRole('article', { name: 'First Platypus Bank' }).getByRole('listitem')).toHaveCount(9);
  for (const path of ['/dashboard', '/notifications', '/profile']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    await expectAccessible(page);
  }
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE', viewport: { width: 390, height: 900 } });

  test('dates and amounts read as German, with no doubled full stop', async ({ page }) => {
    await signUpInBrowser(page, 'Greta');
    await linkBank(page, 'First Gingham Credit Union');
    const card = page.getByRole('article', { name: 'First Gingham Credit Union' });
    await expect(card.getByText('Up to date')).toBeVisible({ timeout: 30_000 });
    const row = card.getByRole('listitem').filter({ hasText: 'Plaid Checking' });
    await row.getByRole('button', { name: 'Set a monthly budget for Plaid Checking' }).click();
    await row.getByLabel('Monthly budget ($)').fill('500');
    await row.getByLabel('Text me every (days)').fill('3');
    await row.getByRole('button', { name: 'Set budget' }).click();
    const tracker = row.getByRole('group', { name: 'Budget for Plaid Checking' });
    await expect(tracker).toContainText(/next on \d{1,2}\. \p{L}+/u);
    await expect(netWorth(page)).toContainText('68.042,74');
    expect(await page.locator('main').innerText()).not.toMatch(/\.\./);
  });
});
