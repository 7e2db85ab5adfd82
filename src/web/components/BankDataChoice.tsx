import { useId, type ReactNode } from 'react';

export type ProfileType = 'sandbox' | 'production';

interface BankDataChoiceProps {
  value: string;
  onChange(value: ProfileType): void;
  /** Why this server cannot link real banks, or null when it can (from GET /api/session). */
  realBanksUnavailable: string | null;
  /** The type the person already has: kept selectable even when this server no longer offers it. */
  current?: ProfileType;
  error?: string;
  hint?: ReactNode;
}

const CHOICES: [ProfileType, string, string][] = [
  ['sandbox', 'Demo data', 'Sample banks from the Plaid sandbox. No text messages are sent.'],
  ['production', 'My real banks', 'Your own accounts through Plaid, with budget texts.'],
];

/** Demo data or real banks, at sign-up and on the profile: never offers what this server cannot do, and says why. */
export function BankDataChoice({ value, onChange, realBanksUnavailable, current, error, hint }: BankDataChoiceProps) {
  const noteId = useId();
  return (
    <fieldset className="choices">
      <legend>Bank data</legend>
      {hint && <p className="hint">{hint}</p>}
      {CHOICES.map(([type, title, detail]) => {
        const unavailable = type === 'production' ? realBanksUnavailable : null;
        return (
          <label key={type} className={unavailable ? 'choice unavailable' : 'choice'}>
            <input
              type="radio"
              name="profileType"
              value={type}
              disabled={unavailable !== null && current !== type}
              aria-describedby={unavailable ? noteId : undefined}
              checked={value === type}
              onChange={() => onChange(type)}
            />
            <span>
              <strong>{title}</strong>
              <span className="muted"> — {detail}</span>
              {unavailable && (
                <span id={noteId} className="choice-note">
                  Not available: {unavailable}. Whoever runs this CashView can add Plaid keys to offer real banks.
                </span>
              )}
            </span>
          </label>
        );
      })}
      {error && <p className="field-error">Bank data {error}</p>}
    </fieldset>
  );
}
