import type { Response } from '@playwright/test';
import { expect, test } from './fixtures/test.js';

test('the web app arrives compressed and works from the compressed copies', async ({ page }) => {
  const scripts: Response[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) scripts.push(response);
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /everything you own and owe/i })).toBeVisible();
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect((await script.allHeaders())['content-encoding'], script.url()).toBe('br');
});
