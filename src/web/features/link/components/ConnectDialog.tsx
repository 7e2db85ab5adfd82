import { useEffect, useId, useState, type FormEvent } from 'react';
import { Alert } from '../../../components/ui/Alert.js';
import { Field } from '../../../components/ui/Field.js';
import { useModal } from '../../../components/ui/use-modal.js';
import { ApiError } from '../../../lib/api-client.js';
import { errorsOf, useForm } from '../../../lib/use-form.js';
import { useRelogin, useSandboxInstitutions, useSandboxLink } from '../api/link.js';

import type { LinkTarget } from '../../../lib/link-target.js';

/**
 * CashView's own connect dialog for the simulated sandbox (and Link's update mode there): pick a
 * bank, sign in with its sandbox credentials, enter a code when the bank asks for one.
 */
export function ConnectDialog({ target, onClose }: { target: LinkTarget | null; onClose(): void }) {
  const ref = useModal(target !== null);
  const titleId = useId();
  const isNew = target?.kind === 'new';
  const institutions = useSandboxInstitutions(isNew);
  const link = useSandboxLink();
  const relogin = useRelogin();
  const form = useForm({ institutionId: 'ins_109508', username: '', password: '', mfaCode: '' });
  const [askMfa, setAskMfa] = useState(false);
  const active = isNew ? link : relogin;
  const { message, fields } = errorsOf(active.error);
  // The bank asking for a code is a question, not a mistake: no error shown before anything was typed.
  const codeAsked = active.error instanceof ApiError && active.error.code === 'MFA_REQUIRED';

  useEffect(() => {
    if (fields.mfaCode) setAskMfa(true);
  }, [fields.mfaCode]);

  const close = () => {
    link.reset();
    relogin.reset();
    setAskMfa(false);
    form.setValues((v) => ({ ...v, password: '', mfaCode: '' }));
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { institutionId, username, password, mfaCode } = form.values;
    if (target?.kind === 'relogin') relogin.mutate({ id: target.id, username, password }, { onSuccess: close });
    else link.mutate({ institutionId, username, password, ...(askMfa && mfaCode ? { mfaCode } : {}) }, { onSuccess: close });
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={close}>
      {target && (
        <form onSubmit={submit} noValidate>
          <h2 id={titleId}>{isNew ? 'Link an institution' : `Sign in to ${target.kind === 'relogin' ? target.name : ''} again`}</h2>
          <p className="muted small">Sandbox banks: sign in with user_good / pass_good.</p>
          <Alert kind={codeAsked ? 'info' : 'error'}>{message}</Alert>
          {isNew && (
            <div className="field">
              <label htmlFor={`${titleId}-bank`}>Institution</label>
              <select id={`${titleId}-bank`} value={form.values.institutionId} onChange={(e) => form.setValues((v) => ({ ...v, institutionId: e.target.value }))}>
                {(institutions.data ?? []).map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
              {fields.institutionId && <p className="field-error">Institution {fields.institutionId}</p>}
            </div>
          )}
          <Field label="Bank username" autoComplete="off" required error={fields.username} {...form.bind('username')} />
          <Field label="Bank password" type="password" autoComplete="off" required error={fields.password} {...form.bind('password')} />
          {askMfa && (
            <Field label="Code from your device" inputMode="numeric" autoComplete="one-time-code" required error={codeAsked ? undefined : fields.mfaCode} hint="Sandbox code: 1234" {...form.bind('mfaCode')} />
          )}
          <div className="actions">
            <button type="button" className="button secondary" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={active.isPending}>
              {active.isPending ? 'Connecting…' : isNew ? 'Link' : 'Sign in'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
