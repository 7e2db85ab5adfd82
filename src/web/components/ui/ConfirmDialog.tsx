import { useId, type FormEvent, type ReactNode } from 'react';
import { useModal } from './use-modal.js';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  /** `danger` (the default) for what destroys data; `neutral` for what can be undone. */
  tone?: 'danger' | 'neutral';
  /** Where focus goes on close when confirming removes the control that opened the dialog. */
  returnFocusTo?: () => HTMLElement | null;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before acting: destructive actions, and reversible ones that change totals, go through it. */
export function ConfirmDialog({ open, title, children, confirmLabel, busy, tone = 'danger', returnFocusTo, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useModal(open, returnFocusTo);
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm();
  };
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={onCancel} className="dialog">
      {open && (
        <form onSubmit={submit}>
          <h2 id={titleId}>{title}</h2>
          {children}
          <div className="actions">
            <button type="button" className="button secondary" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" className={tone === 'danger' ? 'button danger' : 'button primary'} disabled={busy}>
              {busy ? 'Working…' : confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
