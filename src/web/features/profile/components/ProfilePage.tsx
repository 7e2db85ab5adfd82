import { useState, type FormEvent } from 'react';
import type { User } from '../../../../shared/contracts/users.js';
import { BankDataChoice } from '../../../components/BankDataChoice.js';
import { PasswordField, PersonFields } from '../../../components/PersonFields.js';
import { Alert } from '../../../components/ui/Alert.js';
import { Field } from '../../../components/ui/Field.js';
import { errorsOf, useForm } from '../../../lib/use-form.js';
import { useUpdateProfile } from '../api/profile.js';
import { DeleteProfile } from './DeleteProfile.js';

export function ProfilePage({ user, realBanksUnavailable }: { user: User; realBanksUnavailable: string | null }) {
  const update = useUpdateProfile();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone,
    timeZone: user.timeZone,
    profileType: user.profileType as string,
    newPassword: '',
    currentPassword: '',
  });
  const { message, fields } = errorsOf(update.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const { newPassword, currentPassword, ...rest } = form.values;
    // Send only what changed, so an untouched field can never be refused.
    const changed = Object.fromEntries(Object.entries(rest).filter(([key, value]) => value !== user[key as keyof typeof rest]));
    update.mutate(
      { currentPassword, ...changed, ...(newPassword && { newPassword }) },
      {
        onSuccess: () => {
          setSaved(true);
          form.setValues((v) => ({ ...v, newPassword: '', currentPassword: '' }));
        },
      },
    );
  };

  return (
    <section className="card narrow" aria-labelledby="profile-title">
      <h1 id="profile-title">Your profile</h1>
      {user.isDemo && <Alert kind="info">This is the shared demo profile: it can’t be changed or deleted.</Alert>}
      <Alert>{message}</Alert>
      {saved && <Alert kind="success">Your profile is saved.</Alert>}
      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={user.isDemo} className="plain">
          <legend className="visually-hidden">Profile details</legend>
          <PersonFields bind={form.bind} errors={fields} />
          <BankDataChoice
            value={form.values.profileType}
            onChange={(profileType) => form.setValues((v) => ({ ...v, profileType }))}
            realBanksUnavailable={realBanksUnavailable}
            current={user.profileType}
            error={fields.profileType}
            hint="Can change only while no institution is linked."
          />
          <Field label="Time zone" hint="Budgets count this month in this time zone, e.g. America/New_York." error={fields.timeZone} {...form.bind('timeZone')} />
          <PasswordField purpose="new" label="New password" hint="Leave empty to keep your password." error={fields.newPassword} {...form.bind('newPassword')} />
          <PasswordField purpose="current" label="Current password" required hint="Needed to save any change." error={fields.currentPassword} {...form.bind('currentPassword')} />
          <button type="submit" className="button primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save changes'}
          </button>
        </fieldset>
      </form>
      <section className="exports" aria-labelledby="export-title">
        <h2 id="export-title">Take your data with you</h2>
        <p className="muted">Files to keep or open in a spreadsheet. They hold your own data only.</p>
        <ul className="export-links">
          <li>
            <a href="/api/export/transactions.csv" download>
              All transactions (CSV)
            </a>
          </li>
          <li>
            <a href="/api/export/net-worth.csv" download>
              Net worth, day by day (CSV)
            </a>
          </li>
          <li>
            <a href="/api/export/all.json" download>
              Everything CashView holds about you (JSON)
            </a>
          </li>
        </ul>
      </section>
      {!user.isDemo && <DeleteProfile />}
    </section>
  );
}
