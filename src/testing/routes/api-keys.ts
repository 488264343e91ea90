/** API keys (no `/sdk` prefix; admin scope): list, create, get, revoke, usage (requests in `docs/python-parity.md`). */
import { bool, oneOf, paging, readBody, readQuery, str } from "../input";
import { HttpError, notFound, ok, paged } from "../respond";
import type { Router } from "../router";
import { makeSecret } from "../secret";
import type { ApiKeyRecord, State } from "../state";

/** Most active keys an account may hold. */
export const MAX_KEYS = 20;

/** `APIKey`: never the secret, only its ends. */
export function apiKeyView(state: State, k: ApiKeyRecord): Record<string, unknown> {
  return {
    id: k.id,
    name: k.name,
    key_prefix: k.key.slice(0, 12),
    key_suffix: k.key.slice(-4),
    display_key: `${k.key.slice(0, 11)}...${k.key.slice(-4)}`,
    scope: k.scope,
    rate_limit_per_min: k.rate_limit_per_min,
    burst_limit: k.burst_limit,
    created_at: state.iso(k.created_at),
    last_used_at: state.iso(k.last_used_at),
    revoked_at: state.iso(k.revoked_at),
    is_active: k.revoked_at === null,
  };
}

/** Registers the api-keys routes. */
export function register(router: Router, state: State): void {
  const active = () => state.apiKeys.filter((k) => k.revoked_at === null);
  const find = (id: string) => {
    const k = state.apiKeys.find((x) => x.id === id);
    if (!k) throw notFound("API key", id);
    return k;
  };

  router.get("/api-keys", (ctx) => {
    const q = readQuery(ctx.query, { ...paging(50), include_revoked: bool({ dflt: false }) });
    const items = q.include_revoked ? state.apiKeys : active();
    return paged("keys", items, q.limit, q.offset, (k) => apiKeyView(state, k));
  });

  router.post(
    "/api-keys",
    (ctx) => {
      const b = readBody(ctx.body, {
        name: str({ required: true, nonEmpty: true }),
        scope: oneOf(["read-only", "read-write", "admin"], { dflt: "read-only" }),
      });
      if (active().length >= MAX_KEYS)
        throw new HttpError(409, "KEY_LIMIT_REACHED", `At most ${MAX_KEYS} active API keys; revoke one first`, {
          max_keys: MAX_KEYS,
        });
      const record: ApiKeyRecord = {
        id: state.uuid(),
        name: b.name,
        key: makeSecret(state.rng, "aa_live_"),
        scope: b.scope,
        created_at: state.now(),
        last_used_at: null,
        revoked_at: null,
        rate_limit_per_min: 600,
        burst_limit: 100,
      };
      state.apiKeys.push(record);
      return ok({ ...apiKeyView(state, record), key: record.key }, 201);
    },
    { effect: "api_keys.create" },
  );

  router.get("/api-keys/usage", () => {
    const count = active().length;
    return ok({
      current_count: count,
      max_keys: MAX_KEYS,
      rate_limit_per_min: 600,
      burst_limit: 100,
      can_create: count < MAX_KEYS,
    });
  });

  router.get("/api-keys/{key_id}", (ctx) => ok(apiKeyView(state, find(ctx.params.key_id as string))));

  router.delete("/api-keys/{key_id}", (ctx) => {
    const k = find(ctx.params.key_id as string);
    if (k.revoked_at === null) {
      k.revoked_at = state.now();
      state.effect("api_keys.revoke");
    }
    return ok(apiKeyView(state, k));
  });
}
