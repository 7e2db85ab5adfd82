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
 * `returnFocusTo` names another place, for a dialog whose action removes the control that opened it.
 */
export function useModal(open: boolean, returnFocusTo?: () => HTMLElement | null) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const isOpen = useRef(false);
  // Unmounted while open (what it belonged to was removed): focus must not fall to <body>.
  useEffect(
    () => () => {
      if (isOpen.current) setTimeout(() => (document.activeElement === document.body ? focusHeading() : undefined));
    },
    [],
  );
  useEffect(() => {
    isOpen.current = open;
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = lastFocused;
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      const target = returnFocusTo?.() ?? (opener.current?.isConnected ? opener.current : null);
      if (target) focus(target);
      else focusHeading();
    }
  }, [open]);
  return ref;
}

function focus(target: HTMLElement) {
  if (/^H\d$/.test(target.tagName)) target.tabIndex = -1;
  target.focus();
}

const focusHeading = () => {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading) focus(heading);
};
