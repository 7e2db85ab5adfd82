import type { ChangeEvent } from 'react';
import { Field } from './ui/Field.js';

export type PersonField = 'firstName' | 'lastName' | 'username' | 'phone';

type Bind = (name: PersonField) => { name: string; value: string; onChange: (event: ChangeEvent<HTMLInputElement>) => void };

const FIELDS: { name: PersonField; label: string; autoComplete: string; type?: string; hint?: string }[] = [
  { name: 'firstName', label: 'First name', autoComplete: 'given-name' },
  { name: 'lastName', label: 'Last name', autoComplete: 'family-name' },
  { name: 'username', label: 'Username', autoComplete: 'username', hint: '3–32 characters: letters A–Z (no accents), digits, _ . or -' },
  { name: 'phone', label: 'Mobile phone', autoComplete: 'tel', type: 'tel', hint: 'For budget text messages. A 10-digit number is read as a US number.' },
];

/** The fields that say who a person is, the same on sign-up and on the profile page. */
export function PersonFields({ bind, errors, required }: { bind: Bind; errors: Record<string, string>; required?: boolean }) {
  const field = (spec: (typeof FIELDS)[number]) => (
    <Field key={spec.name} label={spec.label} type={spec.type} autoComplete={spec.autoComplete} hint={spec.hint} required={required} error={errors[spec.name]} {...bind(spec.name)} />
  );
  return (
    <>
      <div className="row">{FIELDS.slice(0, 2).map(field)}</div>
      {FIELDS.slice(2).map(field)}
    </>
  );
}

/** A password input: `purpose` tells the browser's password manager whether to suggest or fill one. */
export function PasswordField({ purpose, ...props }: { purpose: 'new' | 'current' } & Omit<Parameters<typeof Field>[0], 'type' | 'autoComplete'>) {
  return <Field type="password" autoComplete={`${purpose}-password`} {...props} />;
}
