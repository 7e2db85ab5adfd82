import crypto from 'node:crypto';
import net from 'node:net';
import { badInput, forbidden } from '../../domain/errors.js';
import { texts } from '../../domain/alerts.js';
import { countVerificationAttempt, ensureAlertSettings, findAlertSettings, updateAlertSettings } from '../../db/repositories/alerts.js';
import { insertNotification } from '../../db/repositories/notifications.js';
import { DEFAULT_KINDS, type AlertSettingsRow, type UserRow } from '../../db/schema/index.js';
import { classifyAddress } from '../../integrations/webhooks/address-guard.js';
import type { AlertSettings, AlertSettingsRequest, ChannelName } from '../../shared/contracts/alerts.js';
import type { ServiceDeps } from '../deps.js';

export const WEBHOOK_SECRET_CONTEXT = 'alert_settings.webhook_secret';
const CODE_TTL_MS = 15 * 60_000;
const MAX_ATTEMPTS = 5;

/** Whether a channel may carry alerts now: set up, verified and not paused (budget summaries by SMS need no code, as before). */
export function usableChannels(row: AlertSettingsRow | undefined, kind: keyof AlertSettingsRow['kinds']): ChannelName[] {
  const kinds = row?.kinds ?? DEFAULT_KINDS;
  return (kinds[kind].channels as ChannelName[]).filter((channel) => {
    if (!row) return channel === 'sms';
    if (channel === 'sms') return !row.smsPaused && (kind === 'budgetSummary' || row.smsVerifiedAt !== null);
    if (channel === 'email') return !row.emailPaused && row.email !== null && row.emailVerifiedAt !== null;
    return !row.webhookPaused && row.webhookUrl !== null && row.webhookVerifiedAt !== null;
  });
}

function toAnswer(deps: Pick<ServiceDeps, 'keyring'>, user: UserRow, row: AlertSettingsRow | undefined, secret?: string): AlertSettings {
  return {
    channels: {
      sms: { enabled: !row?.smsPaused, verified: row?.smsVerifiedAt != null, phone: deps.keyring.open(user.phoneSealed, 'users.phone') },
      email: { enabled: !row?.emailPaused, verified: row?.emailVerifiedAt != null, address: row?.email ?? null },
      webhook: { enabled: !row?.webhookPaused, verified: row?.webhookVerifiedAt != null, url: row?.webhookUrl ?? null, ...(secret && { secret }) },
    },
    kinds: (row?.kinds ?? DEFAULT_KINDS) as AlertSettings['kinds'],
    quietHours: row?.quietFrom && row.quietTo ? { from: row.quietFrom, to: row.quietTo } : null,
  };
}

export async function getAlertSettings(deps: Pick<ServiceDeps, 'db' | 'keyring'>, user: UserRow): Promise<AlertSettings> {
  return toAnswer(deps, user, await findAlertSettings(deps.db, user.id));
}

/** Why a webhook URL cannot be used, or null. Names are checked again after DNS at every delivery. */
function webhookUrlProblem(value: string, allowLoopback: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL such as https://ntfy.example.com/cashview';
  }
  if (url.username || url.password) return 'must not contain a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || (net.isIP(host) > 0 && classifyAddress(host) === 'loopback');
  if (net.isIP(host) && classifyAddress(host) === 'private') return 'points at a private or reserved address';
  if (loopback && !allowLoopback) return 'points at this machine; the operator must set ALERT_WEBHOOKS_ALLOW_LOOPBACK=true';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && loopback) return null;
  return 'must use https (http only to this machine)';
}

/** The shared demo profile is everyone's: nobody may point its alerts at their own address. */
function notDemo(user: UserRow) {
  if (user.isDemo) throw forbidden('DEMO_PROFILE_LOCKED', "The demo profile's alerts can't be changed. Sign up to make a profile of your own.");
}

/** Saves the person's alert settings; a bad field is a 400 naming it, and nothing changes. */
export async function putAlertSettings(deps: Pick<ServiceDeps, 'db' | 'keyring' | 'webhooks'>, user: UserRow, body: AlertSettingsRequest): Promise<AlertSettings> {
  notDemo(user);
  const fields: Record<string, string> = {};
  const { email, webhook, sms } = body.channels;
  if (webhook.url !== null) {
    const problem = webhookUrlProblem(webhook.url, deps.webhooks.allowLoopback);
    if (problem) fields['channels.webhook.url'] = problem;
  }
  const setUp: Record<ChannelName, boolean> = { sms: true, email: email.address !== null, webhook: webhook.url !== null };
  for (const [kind, setting] of Object.entries(body.kinds) as [keyof AlertSettingsRequest['kinds'], { channels: ChannelName[]; amountCents?: number | null }][]) {
    const missing = setting.channels.filter((channel) => !setUp[channel]);
    if (missing.length > 0) fields[`kinds.${kind}.channels`] = `names ${missing.join(' and ')}, which is not set up`;
    if ('amountCents' in setting && setting.channels.length > 0 && setting.amountCents === null) fields[`kinds.${kind}.amountCents`] = 'is needed to send this alert';
  }
  if (Object.keys(fields).length > 0) throw badInput(fields);

  return deps.db.transaction(async (tx) => {
    const current = await ensureAlertSettings(tx, user.id);
    const newUrl = webhook.url !== current.webhookUrl;
    const secret = newUrl && webhook.url !== null ? `whsec_${crypto.randomBytes(24).toString('base64url')}` : undefined;
    const row = await updateAlertSettings(tx, user.id, {
      smsPaused: !sms.enabled,
      email: email.address,
      emailPaused: !email.enabled,
      ...(email.address !== current.email && { emailVerifiedAt: null }),
      webhookUrl: webhook.url,
      webhookPaused: !webhook.enabled,
      ...(newUrl && { webhookVerifiedAt: null, webhookSecretSealed: secret ? deps.keyring.seal(secret, WEBHOOK_SECRET_CONTEXT) : null }),
      kinds: body.kinds,
      quietFrom: body.quietHours?.from ?? null,
      quietTo: body.quietHours?.to ?? null,
    });
    return toAnswer(deps, user, row, secret);
  });
}

const codeHash = (deps: Pick<ServiceDeps, 'keyring'>, userId: string, channel: string, code: string) =>
  crypto.createHmac('sha256', deps.keyring.derive('alert-verification')).update(`${userId}|${channel}|${code}`).digest('base64url');

/**
 * Verifying a channel: without a code, a new 6-digit code goes out on that channel (through the
 * outbox, like any alert); with one, it is checked (15 minutes, 5 tries) and the channel verified.
 */
export async function verifyChannel(deps: ServiceDeps, user: UserRow, channel: ChannelName, code?: string): Promise<{ sent: boolean; verified: boolean }> {
  notDemo(user);
  const row = await findAlertSettings(deps.db, user.id);
  const setUp = channel === 'sms' || (channel === 'email' ? row?.email : row?.webhookUrl);
  if (!setUp) throw badInput({ channel: `is not set up: save its ${channel === 'email' ? 'address' : 'URL'} first` });
  if (code === undefined) {
    if (channel === 'sms' && (user.profileType === 'sandbox' || !deps.sms.configured)) {
      throw badInput({ channel: user.profileType === 'sandbox' ? 'cannot be verified on a demo-data profile: it is never texted' : 'cannot be verified: text messages are not configured on this CashView (Twilio)' });
    }
    if (channel === 'email' && !deps.email.configured) throw badInput({ channel: 'cannot be verified: e-mail is not configured on this CashView (SMTP_URL, MAIL_FROM)' });
  }
  if (code === undefined) {
    const fresh = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const now = deps.now();
    const text = texts.verification(fresh);
    await deps.db.transaction(async (tx) => {
      await ensureAlertSettings(tx, user.id);
      await updateAlertSettings(tx, user.id, {
        verificationChannel: channel,
        verificationCodeHash: codeHash(deps, user.id, channel, fresh),
        verificationExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
        verificationAttempts: 0,
      });
      await insertNotification(tx, {
        id: crypto.randomUUID(),
        userId: user.id,
        kind: 'verification',
        channel,
        alertKey: `verification:${crypto.randomUUID()}`,
        title: text.title,
        body: text.message,
        data: { code: fresh },
        status: 'pending',
        createdAt: now,
      });
    });
    await deps.jobs.send('deliver-alerts', {});
    return { sent: true, verified: false };
  }
  const wrong = (why: string) => badInput({ code: why });
  if (!row || row.verificationChannel !== channel || !row.verificationCodeHash || !row.verificationExpiresAt) throw wrong('was not asked for on this channel; ask for a new code');
  if (row.verificationExpiresAt.getTime() < deps.now().getTime()) throw wrong('has expired; ask for a new code');
  if (row.verificationAttempts >= MAX_ATTEMPTS) throw wrong('was tried too many times; ask for a new code');
  const given = Buffer.from(codeHash(deps, user.id, channel, code));
  const expected = Buffer.from(row.verificationCodeHash);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    await countVerificationAttempt(deps.db, user.id);
    throw wrong('is not the code that was sent');
  }
  const verifiedAt = deps.now();
  await updateAlertSettings(deps.db, user.id, {
    ...(channel === 'sms' ? { smsVerifiedAt: verifiedAt } : channel === 'email' ? { emailVerifiedAt: verifiedAt } : { webhookVerifiedAt: verifiedAt }),
    verificationChannel: null,
    verificationCodeHash: null,
    verificationExpiresAt: null,
    verificationAttempts: 0,
  });
  return { sent: false, verified: true };
}
