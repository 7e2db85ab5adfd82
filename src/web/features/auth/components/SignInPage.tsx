import type { FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { Alert } from '../../../components/ui/Alert.js';
import { Field } from '../../../components/ui/Field.js';
import { afterSignIn } from '../../../lib/next-path.js';
import { errorsOf, useForm } from '../../../lib/use-form.js';
import { useSignIn } from '../api/session.js';

const DEMO = { username: 'Test_User', password: 'pass_good' };

export function SignInPage() {
  const [, navigate] = useLocation();
  const signIn = useSignIn();
  const form = useForm({ username: '', password: '' });
  const { message, fields } = errorsOf(signIn.error);

  const submit = (credentials: typeof DEMO) => signIn.mutate(credentials, { onSuccess: () => navigate(afterSignIn()) });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(form.values);
  };

  return (
    <section className="card narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <Alert>{message}</Alert>
      <form onSubmit={onSubmit} noValidate>
        <Field label="Username" autoComplete="username" required error={fields.username} {...form.bind('username')} />
        <Field label="Password" type="password" autoComplete="current-password" required error={fields.password} {...form.bind('password')} />
        <button type="submit" className="button primary wide" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <div className="divider" role="separator">
        or
      </div>
      <button type="button" className="button secondary wide" onClick={() => submit(DEMO)} disabled={signIn.isPending}>
        Try the demo
      </button>
      <p className="muted center">
        New here? <Link href="/signup">Create a profile</Link>
      </p>
    </section>
  );
}
