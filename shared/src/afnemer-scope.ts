/**
 * What a user learns about Afnemers (docs/decisions/006-planner-scope.md). A scope is the OIN of the Afnemer a
 * user works for (planner, klantraad-manager), or null for Logius, who sees every Afnemer.
 */
export type AfnemerScope = string | null;

/** Afnemers as a scope may learn them: these by OIN, and how many others there are besides. */
export interface AfnemersInView {
  afnemers: string[];
  otherAfnemers: number;
}

/**
 * The Afnemers sharing a slot, as `scope` may learn them: Logius all of them by OIN; an Afnemer only itself,
 * the others as a count (as GET /load shows an Afnemer its own load against "the rest").
 * Edge: an OIN listed twice counts once; a slot without the scope's own Afnemer gives `{ afnemers: [], otherAfnemers: n }`.
 */
export function afnemersScoped(afnemers: readonly string[], scope: AfnemerScope): AfnemersInView {
  const distinct = [...new Set(afnemers)];
  if (scope === null) return { afnemers: distinct, otherAfnemers: 0 };
  const own = distinct.includes(scope);
  return { afnemers: own ? [scope] : [], otherAfnemers: distinct.length - (own ? 1 : 0) };
}

/**
 * True when something that concerns `afnemers` is the business of `scope`: Logius always, an Afnemer when it is
 * one of them. Edge: `null` concerns everyone (capacity, maintenance); `[]` concerns Logius alone.
 */
export function afnemerScopeConcerns(scope: AfnemerScope, afnemers: readonly string[] | null): boolean {
  return scope === null || afnemers === null || afnemers.includes(scope);
}
