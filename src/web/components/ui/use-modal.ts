import { useEffect, useRef } from 'react';

// The last element that had focus outside a dialog: the control that opened one may be disabled
// (and so lose focus) while its request runs, so it is remembered at the moment it was focused.
let lastFocused: HTMLElement | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener('focusin', (event) => {
    const target = event.target;
    if (target instanceof HTMLElement && !target.closest('dialog')) lastFocused = target;
  });
}

/**
 * A modal <dialog> driven by `open`: the browser traps focus and Escape cancels; on close, focus
 * returns to the control that opened it, or to the page's heading when that control is gone.
 */
export function useModal(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = lastFocused;
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      const target = opener.current?.isConnected ? opener.current : document.querySelector<HTMLElement>('main h1');
      if (target) {
        if (target.tagName === 'H1') target.tabIndex = -1;
        target.focus();
      }
    }
  }, [open]);
  return ref;
}
