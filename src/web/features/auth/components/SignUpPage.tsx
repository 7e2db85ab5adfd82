import type { FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { BankDataChoice } from '../../../components/BankDataChoice.js';
import { PasswordField, PersonFields } from '../../../components/PersonFields.js';
import { Alert } from '../../../components/ui/Alert.js';
import { errorsOf, useForm } from '../../../lib/use-form.js';
import { useSignUp } from '../api/session.js';

/** `realBanksUnavailable`: why this server cannot link real banks (null when it can). */
export function SignUpPage({ realBanksUnavailable }: { realBanksUnavailable: string | null }) {
  const [, navigate] = useLocation();
  const signUp = useSignUp();
  const form = useForm({ username: '', password: '', firstName: '', lastName: '', phone: '', profileType: 'sandbox' });
  const { message, fields } = errorsOf(signUp.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { profileType, ...rest } = form.values;
    // Budgets count "this month" in the person's own time zone; the browser knows it.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    signUp.mutate({ ...rest, profileType: profileType as 'sandbox' | 'production', ...(timeZone && { timeZone }) }, { onSuccess: () => navigate('/dashboard') });
  };

  return (
    <section className="card narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">Create your profile</h1>
      <Alert>{message}</Alert>
      <form onSubmit={onSubmit} noValidate>
        <PersonFields bind={form.bind} errors={fields} required />
        <PasswordField purpose="new" label="Password" required hint="At least 8 characters. A long phrase is best." error={fields.password} {...form.bind('password')} />
        <BankDataChoice
          value={form.values.profileType}
          onChange={(profileType) => form.setValues((v) => ({ ...v, profileType }))}
          realBanksUnavailable={realBanksUnavailable}
          error={fields.profileType}
        />
        <button type="submit" className="button primary wide" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating…' : 'Create profile'}
        </button>
      </form>
      <p className="muted center">
        Already have a profile? <Link href="/signin">Sign in</Link>
      </p>
    </section>
  );
}
