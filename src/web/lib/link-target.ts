/** What a person asked to link: a new institution, or signing in again to one already linked. */
export type LinkTarget = { kind: 'new' } | { kind: 'relogin'; id: string; name: string };
