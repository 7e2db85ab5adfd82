import { useState } from 'react';
import { Alert } from '../../../components/ui/Alert.js';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog.js';
import { Field } from '../../../components/ui/Field.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useDeleteProfile } from '../api/profile.js';

export function DeleteProfile() {
  const remove = useDeleteProfile();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const { message, fields } = errorsOf(remove.error);

  const close = () => {
    setOpen(false);
    setPassword('');
    remove.reset();
  };

  return (
    <section className="danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete profile</h2>
      <p className="muted">Removes your profile and everything in it, and unlinks every bank. This cannot be undone.</p>
      <button type="button" className="button danger" onClick={() => setOpen(true)}>
        Delete my profile…
      </button>
      <ConfirmDialog
        open={open}
        title="Delete your profile?"
        confirmLabel="Delete my profile"
        busy={remove.isPending}
        onCancel={close}
        onConfirm={() => remove.mutate(password)}
      >
        <p>All your institutions, accounts, budgets and notifications will be removed for good.</p>
        <Alert>{message && !fields.currentPassword ? message : undefined}</Alert>
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fields.currentPassword}
        />
      </ConfirmDialog>
    </section>
  );
}
