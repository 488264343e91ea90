import { describe, expect, it } from "vitest";
import { ResponseValidationError } from "../../src/core/errors";
import type { Transport } from "../../src/core/http";
import { ApiKeysResource, type APIKey } from "../../src/resources/api-keys";
import { errorMapping, invalidParams, iterates, transport, wireCases, type WireCase } from "../helpers/endpoint-cases";
import { useRemote } from "../helpers/remote";

const make = (t: Transport) => new ApiKeysResource(t);

const key = (i: number) => ({
  id: `key-${i}`,
  name: "Airflow",
  key_prefix: "aa_live_abc1",
  key_suffix: "xy9z",
  display_key: "aa_live_abc...xy9z",
  scope: "read-only",
  rate_limit_per_min: 60,
  burst_limit: 10,
  created_at: "2025-01-08T10:00:00Z",
});
const SECRET = "aa_live_NEWSECRETabcdefghijklmnopqrstuvwx";
const created = { ...key(1), key: SECRET, scope: "admin" };
const usage = { current_count: 3, max_keys: 10, rate_limit_per_min: 60, burst_limit: 10, can_create: true };

const cases: WireCase<ApiKeysResource>[] = [
  {
    name: "list() with defaults",
    call: (r) => r.list(),
    method: "GET",
    path: () => "/api-keys",
    search: "limit=50&offset=0",
    data: { keys: [key(1)] },
    check: (out) => expect((out as APIKey[])[0]).toEqual({ ...key(1), is_active: true }),
    malformed: { keys: [{ ...key(1), display_key: undefined }] },
  },
  {
    name: "list({ include_revoked: true, limit, offset })",
    call: (r) => r.list({ offset: 4, include_revoked: true, limit: 2 }),
    method: "GET",
    path: () => "/api-keys",
    search: "limit=2&offset=4&include_revoked=true",
    data: { keys: [] },
    check: (out) => expect(out).toEqual([]),
    malformed: { keys: {} },
  },
  {
    name: "list({ include_revoked: false }) sends nothing for it",
    call: (r) => r.list({ include_revoked: false }),
    method: "GET",
    path: () => "/api-keys",
    search: "limit=50&offset=0",
    data: { keys: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "create({ name }) sends scope=read-only",
    call: (r) => r.create({ name: "Airflow Production" }),
    method: "POST",
    path: () => "/api-keys",
    body: { name: "Airflow Production", scope: "read-only" },
    data: created,
    check: (out) => expect(out).toMatchObject({ key: SECRET, scope: "admin", is_active: true }),
    malformed: { ...created, key: undefined },
  },
  {
    name: "create({ name, scope })",
    call: (r) => r.create({ scope: "read-write", name: "CI" }),
    method: "POST",
    path: () => "/api-keys",
    body: { name: "CI", scope: "read-write" },
    data: created,
  },
  {
    name: "get(keyId)",
    ids: ["key-1"],
    call: (r, [a]) => r.get(a!),
    method: "GET",
    path: ([a]) => `/api-keys/${a}`,
    data: key(1),
    malformed: { ...key(1), rate_limit_per_min: "60" },
  },
  {
    name: "revoke(keyId) reads data",
    ids: ["key-1"],
    call: (r, [a]) => r.revoke(a!),
    method: "DELETE",
    path: ([a]) => `/api-keys/${a}`,
    data: { ...key(1), is_active: false, revoked_at: "2025-01-09T00:00:00Z" },
    malformed: { ...key(1), burst_limit: null },
  },
  {
    name: "usage()",
    call: (r) => r.usage(),
    method: "GET",
    path: () => "/api-keys/usage",
    data: usage,
    malformed: { ...usage, can_create: "yes" },
  },
  {
    name: "usage() with an empty data object",
    call: (r) => r.usage(),
    method: "GET",
    path: () => "/api-keys/usage",
    data: {},
    check: (out) => expect(out).toEqual({}),
  },
];

describe("ApiKeysResource", () => {
  const remote = useRemote();
  wireCases(remote, make, cases);

  iterates(remote, make, {
    name: "iterate()",
    container: "keys",
    item: key,
    iterate: (r, p) => r.iterate({ ...p, include_revoked: true }),
    path: "/api-keys",
    search: (at) => `limit=2&offset=${at}&include_revoked=true`,
  });

  it("should keep '../api-keys' inside one segment", async () => {
    remote.reply(remote.data(key(1)));
    await make(transport()).get("../api-keys");
    expect(remote.requests[0]!.path).toBe("/api-keys/..%2Fapi-keys");
  });

  it("should redact a new secret from a ResponseValidationError body", async () => {
    remote.reply(remote.data({ ...created, burst_limit: "ten" }));
    const err = await make(transport())
      .create({ name: "n" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(JSON.stringify((err as ResponseValidationError).body)).not.toContain(SECRET);
    expect(JSON.stringify(err)).not.toContain(SECRET);
  });

  invalidParams<ApiKeysResource>(remote, make, [
    ["list with limit 101", (r) => r.list({ limit: 101 })],
    ["list with include_revoked 'true'", (r) => r.list({ include_revoked: "true" as never })],
    ["iterate with limit 0", (r) => r.iterate({ limit: 0 })],
    ["create without a name", (r) => r.create({} as never)],
    ["create with an empty name", (r) => r.create({ name: "" })],
    ["create with scope 'owner'", (r) => r.create({ name: "n", scope: "owner" as never })],
    ["get with the literal id 'usage'", (r) => r.get("usage")],
    ["revoke with the literal id 'usage'", (r) => r.revoke("usage")],
    ["revoke with an empty id", (r) => r.revoke("")],
  ]);

  errorMapping(remote, make, (r) => r.create({ name: "n", scope: "admin" }));
});
