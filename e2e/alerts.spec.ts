import { startSmtpSimulator } from '../src/integrations/email/simulator/server.js';
import { startWebhookReceiver } from '../src/integrations/webhooks/simulator/receiver.js';
import { E2E_PORT } from './fixtures/server-env.js';
import { expect, expectAccessible, signUpInBrowser, test } from './fixtures/test.js';

// Issue 12: set up and verify e-mail and a webhook, switch kinds on and off, and see the alerts and
// the unread count, at 1366 and 390 px. The SMTP server listens where playwright.config.ts points
// the server (one worker runs these, in order).
test.describe.configure({ mode: 'serial' });

let smtp: Awaited<ReturnType<typeof startSmtpSimulator>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
test.beforeAll(async () => {
  smtp = await startSmtpSimulator({ port: E2E_PORT + 1 });
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await smtp.close();
  await receiver.close();
});

const codeIn = (text: string) => /verification code is (\d{6})/.exec(text)?.[1];

for (const width of [1366, 390]) {
  test(`at ${width} px: set up and verify e-mail and a webhook, choose what to be told, and see it listed`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const { username } = await signUpInBrowser(page, 'Ada');
    const address = `${username.toLowerCase()}@example.com`;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();

    // A webhook to a private address is refused beside its field, and nothing is saved.
    await page.getByLabel('Webhook URL').fill('https://10.0.0.1/hook');
    await page.getByRole('button', { name: 'Save alert settings' }).click();
    await expect(page.getByText('Webhook URL points at a private or reserved address')).toBeVisible();

    const hookUrl = `${receiver.url}?for=${username}`;
    await page.getByLabel('E-mail address').fill(address);
    await page.getByLabel('Webhook URL').fill(hookUrl);
    const connection = page.getByRole('group', { name: 'Connection needs you' });
    await connection.getByLabel('E-mail').check();
    await connection.getByLabel('Webhook').check();
    const large = page.getByRole('group', { name: 'Large transaction' });
    await large.getByLabel('Webhook').check();
    await large.getByLabel('Above ($)').fill('250');
    await page.getByRole('button', { name: 'Save alert settings' }).click();
    await expect(page.getByText('Your alert settings are saved.')).toBeVisible();
    const secret = (await page.locator('code.secret').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page);

    // E-mail: a code by e-mail, typed back.
    await page.getByRole('button', { name: 'Send a code by e-mail' }).click();
    await expect.poll(() => smtp.received.filter((m) => m.to.includes(address)).length, { timeout: 45_000 }).toBe(1);
    const emailCode = codeIn(smtp.received.find((m) => m.to.includes(address))!.raw)!;
    const emailForm = page.getByRole('group', { name: 'Verify e-mail' });
    await emailForm.getByLabel('Code').fill(emailCode);
    await emailForm.getByRole('button', { name: 'Confirm' }).click();

    // Webhook: a signed test delivery carries the code.
    await page.getByRole('button', { name: /Send a code in a test delivery/ }).click();
    // Generous: on a loaded machine the delivery job may wait behind others.
    await expect.poll(() => receiver.received.filter((r) => r.signedWith(secret)).length, { timeout: 45_000 }).toBe(1);
    const delivery = JSON.parse(receiver.received.find((r) => r.signedWith(secret))!.body);
    expect(delivery.kind).toBe('verification');
    const hookForm = page.getByRole('group', { name: 'Verify the webhook' });
    await hookForm.getByLabel('Code').fill(delivery.data.code);
    await hookForm.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('Verified', { exact: true })).toHaveCount(2);

    // Switching a kind off sticks.
    await large.getByLabel('Webhook').uncheck();
    await page.getByRole('button', { name: 'Save alert settings' }).click();
    await expect(page.getByText('Your alert settings are saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('group', { name: 'Large transaction' }).getByLabel('Webhook')).not.toBeChecked();
    await expect(page.getByRole('group', { name: 'Connection needs you' }).getByLabel('E-mail')).toBeChecked();

    // The notifications page lists both messages with their channel; the navigation counts them unread.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: /Notifications\s*2 unread/ })).toBeVisible();
    await nav.getByRole('link', { name: /Notifications/ }).click();
    const items = page.locator('.notification');
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: 'e-mail' }).first()).toContainText('Sent by e-mail');
    await expect(items.filter({ hasText: 'webhook' }).first()).toContainText('Sent by webhook');
    await expectAccessible(page);
  });
}
