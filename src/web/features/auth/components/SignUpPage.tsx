import type { FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { BankDataChoice } from '../../../components/BankDataChoice.js';
import { Alert } from '../../../components/ui/Alert.js';
import { Field } from '../../../components/ui/Field.js';
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
        <div className="row">
          <Field label="First name" autoComplete="given-name" required error={fields.firstName} {...form.bind('firstName')} />
          <Field label="Last name" autoComplete="family-name" required error={fields.lastName} {...form.bind('lastName')} />
        </div>
        <Field
          label="Username"
          autoComplete="username"
          required
          hint="3–32 characters: letters A–Z (no accents), digits, _ . or -"
          error={fields.username}
          {...form.bind('username')}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters. A long phrase is best."
          error={fields.password}
          {...form.bind('password')}
        />
        <Field
          label="Mobile phone"
          type="tel"
          autoComplete="tel"
          required
          hint="For budget text messages. A 10-digit number is read as a US number."
          error={fields.phone}
          {...form.bind('phone')}
        />
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
