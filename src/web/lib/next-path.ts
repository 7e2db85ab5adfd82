/**
 * Where to go after signing in: the page that was asked for (`?next=` on the sign-in page), if it
 * is a path of this site, else the dashboard. Never another origin (`//host`, `/\host`).
 */
export function afterSignIn(search = typeof window === 'undefined' ? '' : window.location.search): string {
  const next = new URLSearchParams(search).get('next');
  return next && /^\/(?![/\\])/.test(next) && !next.startsWith('/signin') && !next.startsWith('/signup') ? next : '/dashboard';
}
