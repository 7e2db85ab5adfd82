import { expect, expectAccessible, test, uniqueUsername } from './fixtures/test.js';

test('a person signs up, signs out and in, edits and then deletes their profile', async ({ page }) => {
  const username = uniqueUsername();
  const password = 'a long and private phrase';

  await page.goto('/');
  await expect(page.getByRole('heading', { name: /everything you own and owe/i })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Create a profile' }).click();

  await expect(page.getByRole('heading', { name: 'Create your profile' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Mobile phone').fill('(415) 555-0100');
  await page.getByRole('button', { name: 'Create profile' }).click();

  await expect(page.getByRole('heading', { name: 'Hello, Ada' })).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Ada' })).toBeVisible();

  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByLabel('First name')).toHaveValue('Ada');
  await expect(page.getByLabel('Mobile phone')).toHaveValue('+14155550100');
  await expectAccessible(page);
  await page.getByLabel('First name').fill('Augusta');
  await page.getByLabel('Current password').fill('not my password');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Current password is not your current password')).toBeVisible();
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Your profile is saved.')).toBeVisible();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Augusta' })).toBeVisible();

  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('button', { name: 'Delete my profile…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your profile?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Delete my profile…' }).click();
  await dialog.getByLabel('Current password').fill(password);
  await dialog.getByRole('button', { name: 'Delete my profile' }).click();
  await expect(page.getByRole('heading', { name: /everything you own and owe/i })).toBeVisible();

  await page.goto('/signin');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That username and password do not match.');
});

test('sign-up errors appear next to the fields they name', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Username').fill(uniqueUsername());
  await page.getByLabel('Password').fill('password1');
  await page.getByLabel('Mobile phone').fill('12345');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByText(/Mobile phone must be a mobile number/)).toBeVisible();
  await expect(page.getByLabel('Mobile phone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Username')).not.toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await page.getByLabel('Mobile phone').fill('4155550100');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByText('Password is one of the most common passwords; choose another', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Mobile phone must be/)).toHaveCount(0);
  await expect(page).toHaveURL(/\/signup$/);
});

test('"Try the demo" signs in as the demo user, whose profile is locked', async ({ page }) => {
  await page.goto('/signin');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Test' })).toBeVisible();
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByText('This is the shared demo profile')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await expect(page.getByRole('button', { name: /Delete my profile/ })).toHaveCount(0);
});
