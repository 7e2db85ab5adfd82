import { useState, type KeyboardEvent } from 'react';
import type { ChannelName } from '../../../../shared/contracts/alerts.js';
import { Alert } from '../../../components/ui/Alert.js';
import { Field } from '../../../components/ui/Field.js';
import { errorsOf, useForm } from '../../../lib/use-form.js';
import { useVerifyChannel } from '../api/alerts.js';

const HOW = { sms: 'by text message', email: 'by e-mail', webhook: 'in a test delivery to your webhook (data.code)' } as const;
const NAME = { sms: 'text messages', email: 'e-mail', webhook: 'the webhook' } as const;

/** A channel's verification: send a code on it, then type it here. */
export function ChannelVerify({ channel, verified, ready }: { channel: ChannelName; verified: boolean; ready: boolean }) {
  const verify = useVerifyChannel(channel);
  const [sent, setSent] = useState(false);
  const form = useForm({ code: '' });
  const { message, fields } = errorsOf(verify.error);
  if (verified) return <span className="badge ok">Verified</span>;
  if (!ready) return <span className="badge warn">Save it first, then verify</span>;
  // Not a <form>: this sits inside the settings form, and forms cannot nest (Enter in the code confirms it).
  const confirm = () => verify.mutate(form.values.code.trim());
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    confirm();
  };
  return (
    <div className="verify">
      <span className="badge warn">{channel === 'sms' ? 'Not verified: budget summaries only' : 'Not verified: gets no alerts'}</span>
      <Alert>{fields.channel ? `This channel ${fields.channel}.` : message && !fields.code ? message : undefined}</Alert>
      {sent ? (
        <div role="group" className="verify-form" aria-label={`Verify ${NAME[channel]}`}>
          <Field label="Code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} hint={`The 6-digit code sent ${HOW[channel]}.`} error={fields.code} onKeyDown={onKeyDown} {...form.bind('code')} />
          <button type="button" className="button primary small" disabled={verify.isPending} onClick={confirm}>
            Confirm
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary small" disabled={verify.isPending} onClick={() => verify.mutate(undefined, { onSuccess: () => setSent(true) })}>
          Send a code<span className="visually-hidden"> {HOW[channel]}</span>
        </button>
      )}
    </div>
  );
}
