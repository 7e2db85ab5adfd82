import { useState, type FormEvent } from 'react';
import type { AlertSettings, ChannelName } from '../../../../shared/contracts/alerts.js';
import { parseAmount } from '../../../../shared/money.js';
import { Alert } from '../../../components/ui/Alert.js';
import { Field } from '../../../components/ui/Field.js';
import { errorsOf, useForm } from '../../../lib/use-form.js';
import { useAlertSettings, useSaveAlertSettings } from '../api/alerts.js';
import { ChannelVerify } from './ChannelVerify.js';

const CHANNELS: { id: ChannelName; name: string }[] = [
  { id: 'sms', name: 'Text' },
  { id: 'email', name: 'E-mail' },
  { id: 'webhook', name: 'Webhook' },
];
/** Each kind: its name and when it fires, as the person reads them. */
const KIND_TEXT = {
  budgetSummary: ['Budget summary', 'at each budget’s reminder frequency'],
  budgetThreshold: ['Budget thresholds', 'when a budget reaches 80 % and 100 %, once a month each'],
  connection: ['Connection needs you', 'a bank needs you to sign in again, or has not refreshed for a day'],
  largeTransaction: ['Large transaction', 'money out above an amount, on any account'],
  lowBalance: ['Low balance', 'a cash account goes below an amount, once each time'],
} as const;
type Kind = keyof typeof KIND_TEXT;
const KINDS = (Object.keys(KIND_TEXT) as Kind[]).map((id) => ({ id, name: KIND_TEXT[id][0], what: KIND_TEXT[id][1] }));

/** The settings as flat form values (text fields and checkboxes as "on" or ""), the one form mechanism. */
function valuesOf(s: AlertSettings): Record<string, string> {
  const values: Record<string, string> = {
    email: s.channels.email.address ?? '',
    webhook: s.channels.webhook.url ?? '',
    'paused.sms': s.channels.sms.enabled ? '' : 'on',
    'paused.email': s.channels.email.enabled ? '' : 'on',
    'paused.webhook': s.channels.webhook.enabled ? '' : 'on',
    'amount.largeTransaction': s.kinds.largeTransaction.amountCents ? (s.kinds.largeTransaction.amountCents / 100).toFixed(2) : '',
    'amount.lowBalance': s.kinds.lowBalance.amountCents ? (s.kinds.lowBalance.amountCents / 100).toFixed(2) : '',
    quiet: s.quietHours ? 'on' : '',
    quietFrom: s.quietHours?.from ?? '22:00',
    quietTo: s.quietHours?.to ?? '07:00',
  };
  for (const kind of KINDS) for (const channel of CHANNELS) values[`${kind.id}.${channel.id}`] = (s.kinds[kind.id].channels as string[]).includes(channel.id) ? 'on' : '';
  return values;
}

export function AlertsPage() {
  const settings = useAlertSettings();
  if (!settings.data) return <div className="skeleton" aria-busy="true" aria-label="Loading your alert settings" />;
  return <AlertsForm settings={settings.data} />;
}

function AlertsForm({ settings }: { settings: AlertSettings }) {
  const save = useSaveAlertSettings();
  const form = useForm(valuesOf(settings));
  const [saved, setSaved] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = errorsOf(save.error);
  const fields = { ...server.fields, ...local };
  const v = form.values;
  const check = (name: string) => ({ name, checked: v[name] === 'on', onChange: (e: { target: { checked: boolean } }) => form.setValues((c) => ({ ...c, [name]: e.target.checked ? 'on' : '' })) });
  const secret = save.data?.channels.webhook.secret;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const problems: Record<string, string> = {};
    const amount = (kind: 'largeTransaction' | 'lowBalance') => {
      const text = v[`amount.${kind}`]!.trim();
      if (!text) return null;
      const cents = parseAmount(text);
      if (cents === null || cents <= 0) problems[`kinds.${kind}.amountCents`] = 'must be an amount above 0';
      return cents;
    };
    const kinds = Object.fromEntries(
      KINDS.map((k) => [k.id, { channels: CHANNELS.filter((c) => v[`${k.id}.${c.id}`] === 'on').map((c) => c.id), ...(k.id === 'largeTransaction' || k.id === 'lowBalance' ? { amountCents: amount(k.id) } : {}) }]),
    ) as unknown as AlertSettings['kinds'];
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(
      {
        channels: {
          sms: { enabled: v['paused.sms'] !== 'on' },
          email: { address: v.email!.trim() || null, enabled: v['paused.email'] !== 'on' },
          webhook: { url: v.webhook!.trim() || null, enabled: v['paused.webhook'] !== 'on' },
        },
        kinds,
        quietHours: v.quiet === 'on' ? { from: v.quietFrom!, to: v.quietTo! } : null,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <section aria-labelledby="alerts-title" className="alerts-page">
      <h1 id="alerts-title">Alerts</h1>
      <p className="muted">CashView tells you, once, on the channels you choose, when something about your money needs you.</p>
      <Alert>{server.message}</Alert>
      {saved && <Alert kind="success">Your alert settings are saved.</Alert>}
      {secret && (
        <Alert kind="info">
          Your webhook’s signing secret (shown only now; keep it with your receiver): <code className="secret">{secret}</code>. Each delivery carries{' '}
          <code>X-CashView-Signature: sha256=…</code>, the HMAC-SHA256 of the body under this secret.
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <fieldset className="card plain-card">
          <legend>Channels</legend>
          <div className="channel">
            <h2>Text messages</h2>
            <p className="muted small">To {settings.channels.sms.phone} (your profile’s phone). Budget summaries go by text without a code, as before; other alerts need it verified.</p>
            <ChannelVerify channel="sms" verified={settings.channels.sms.verified} ready />
            <label className="check">
              <input type="checkbox" {...check('paused.sms')} /> Pause text messages
            </label>
          </div>
          <div className="channel">
            <h2>E-mail</h2>
            <Field label="E-mail address" type="email" autoComplete="email" error={fields['channels.email.address']} {...form.bind('email')} />
            <ChannelVerify channel="email" verified={settings.channels.email.verified} ready={settings.channels.email.address !== null} />
            <label className="check">
              <input type="checkbox" {...check('paused.email')} /> Pause e-mail
            </label>
          </div>
          <div className="channel">
            <h2>Webhook</h2>
            <Field
              label="Webhook URL"
              type="url"
              hint="An https address (ntfy, Home Assistant, a chat bridge). CashView sends a signed JSON POST."
              error={fields['channels.webhook.url']}
              {...form.bind('webhook')}
            />
            <ChannelVerify channel="webhook" verified={settings.channels.webhook.verified} ready={settings.channels.webhook.url !== null} />
            <label className="check">
              <input type="checkbox" {...check('paused.webhook')} /> Pause the webhook
            </label>
          </div>
        </fieldset>

        <fieldset className="card plain-card">
          <legend>What to tell you, and where</legend>
          {KINDS.map((kind) => (
            <div key={kind.id} className="kind" role="group" aria-labelledby={`kind-${kind.id}`}>
              <h3 id={`kind-${kind.id}`}>{kind.name}</h3>
              <p className="muted small">{kind.what}</p>
              <div className="kind-channels">
                {CHANNELS.map((channel) => (
                  <label key={channel.id} className="check">
                    <input type="checkbox" {...check(`${kind.id}.${channel.id}`)} /> {channel.name}
                  </label>
                ))}
              </div>
              {(kind.id === 'largeTransaction' || kind.id === 'lowBalance') && (
                <Field
                  label={kind.id === 'largeTransaction' ? 'Above ($)' : 'Below ($)'}
                  inputMode="decimal"
                  error={fields[`kinds.${kind.id}.amountCents`]}
                  {...form.bind(`amount.${kind.id}`)}
                />
              )}
              {fields[`kinds.${kind.id as Kind}.channels`] && <p className="field-error">{fields[`kinds.${kind.id}.channels`]}</p>}
            </div>
          ))}
        </fieldset>

        <fieldset className="card plain-card">
          <legend>Quiet hours</legend>
          <label className="check">
            <input type="checkbox" {...check('quiet')} /> Hold alerts during quiet hours (in your time zone), then send them
          </label>
          {v.quiet === 'on' && (
            <div className="row">
              <Field label="From" type="time" error={fields['quietHours.from']} {...form.bind('quietFrom')} />
              <Field label="To" type="time" error={fields['quietHours.to']} {...form.bind('quietTo')} />
            </div>
          )}
        </fieldset>
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save alert settings'}
        </button>
      </form>
    </section>
  );
}
