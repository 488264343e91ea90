import { describe, expect } from "vitest";
import type { Transport } from "../../src/core/http";
import {
  ReferentialResource,
  type ReferentialCheck,
  type ReferentialCheckResult,
} from "../../src/resources/referential";
import { errorMapping, invalidParams, iterates, wireCases, type WireCase } from "../helpers/endpoint-cases";
import { useRemote } from "../helpers/remote";

const make = (t: Transport) => new ReferentialResource(t);

const summary = {
  total_checks: 4,
  active_checks: 3,
  passing_checks: 2,
  failing_checks: 1,
  last_check_at: "2025-01-08T10:00:00Z",
};
const check = {
  id: "check-uuid-1",
  internal_id: 1,
  asset_id: 1,
  child_table_path: "s.orders",
  child_column_name: "customer_id",
  parent_table_path: "s.customers",
  parent_column_name: "id",
  is_active: true,
  capture_interval: "daily",
};
const result = (i: number) => ({
  id: i,
  referential_check_id: 1,
  status: "FAIL",
  orphan_count: 3,
  orphan_percent: 0.3,
  total_child_rows: 1000,
  checked_at: "2025-01-08T10:00:00Z",
});
const two = ["asset-uuid", "check-uuid"];
const c2 = (ids: string[]) => `/sdk/referential/${ids[0]}/${ids[1]}`;
const required = {
  child_table_path: "s.orders",
  child_column_name: "customer_id",
  parent_table_path: "s.customers",
  parent_column_name: "id",
};

const cases: WireCase<ReferentialResource>[] = [
  {
    name: "summary(assetId)",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.summary(a!),
    method: "GET",
    path: ([a]) => `/sdk/referential/${a}/summary`,
    data: summary,
    malformed: { total_checks: 4 },
  },
  {
    name: "list(assetId) with defaults",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.list(a!),
    method: "GET",
    path: ([a]) => `/sdk/referential/${a}`,
    search: "limit=50&offset=0",
    data: { items: [check] },
    check: (out) => expect((out as ReferentialCheck[])[0]).toMatchObject(check),
    malformed: { items: [{ ...check, internal_id: undefined }] },
  },
  {
    name: "list(assetId, every param)",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.list(a!, { offset: 10, limit: 5, is_active: false }),
    method: "GET",
    path: ([a]) => `/sdk/referential/${a}`,
    search: "limit=5&offset=10&is_active=false",
    data: { items: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "get(assetId, checkId)",
    ids: two,
    call: (r, [a, b]) => r.get(a!, b!),
    method: "GET",
    path: c2,
    data: check,
    malformed: { ...check, parent_column_name: 5 },
  },
  {
    name: "create(assetId, required only)",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.create(a!, required),
    method: "POST",
    path: ([a]) => `/sdk/referential/${a}`,
    body: { ...required, capture_interval: "daily" },
    data: check,
    malformed: { ...check, id: 1 },
  },
  {
    name: "create(assetId, every param)",
    ids: ["asset-uuid"],
    call: (r, [a]) =>
      r.create(a!, {
        max_child_count: 50,
        min_child_count: 0,
        max_orphan_percent: 0.5,
        max_orphan_count: 0,
        capture_interval: "hourly",
        description: "fk",
        name: "Orders -> Customers FK",
        ...required,
      }),
    method: "POST",
    path: ([a]) => `/sdk/referential/${a}`,
    body: {
      ...required,
      capture_interval: "hourly",
      name: "Orders -> Customers FK",
      description: "fk",
      max_orphan_count: 0,
      max_orphan_percent: 0.5,
      min_child_count: 0,
      max_child_count: 50,
    },
    data: { ...check, max_orphan_count: 0 },
  },
  {
    name: "update(assetId, checkId, every param)",
    ids: two,
    call: (r, [a, b]) =>
      r.update(a!, b!, {
        max_child_count: 9,
        min_child_count: 1,
        max_orphan_percent: 0.5,
        max_orphan_count: 2,
        capture_interval: "hourly",
        description: "",
        name: "n",
        is_active: false,
      }),
    method: "PATCH",
    path: c2,
    body: {
      is_active: false,
      name: "n",
      description: "",
      capture_interval: "hourly",
      max_orphan_count: 2,
      max_orphan_percent: 0.5,
      min_child_count: 1,
      max_child_count: 9,
    },
    data: check,
    malformed: { ...check, capture_interval: [] },
  },
  {
    name: "update(assetId, checkId, {}) sends {}",
    ids: two,
    call: (r, [a, b]) => r.update(a!, b!, {}),
    method: "PATCH",
    path: c2,
    body: {},
    data: check,
  },
  {
    name: "delete(assetId, checkId)",
    ids: two,
    call: (r, [a, b]) => r.delete(a!, b!),
    method: "DELETE",
    path: c2,
    data: undefined,
  },
  {
    name: "execute(assetId, checkId) sends no body",
    ids: two,
    call: (r, [a, b]) => r.execute(a!, b!),
    method: "POST",
    path: (ids) => `${c2(ids)}/execute`,
    data: { ...result(1), orphan_sample: [{ customer_id: 9 }] },
    check: (out) => {
      const res = out as ReferentialCheckResult;
      expect(res.status.toLowerCase()).toBe("fail");
      expect(res.checked_at).toBe("2025-01-08T10:00:00Z");
      expect(res.orphan_sample).toEqual([{ customer_id: 9 }]);
    },
    malformed: { ...result(1), checked_at: undefined, created_at: "2025-01-08T10:00:00Z" },
  },
  {
    name: "results(assetId, checkId) with defaults",
    ids: two,
    call: (r, [a, b]) => r.results(a!, b!),
    method: "GET",
    path: (ids) => `${c2(ids)}/results`,
    search: "limit=100&offset=0",
    data: { items: [result(1)] },
    check: (out) => expect(out).toHaveLength(1),
    malformed: { items: [{ ...result(1), orphan_count: 1.5 }] },
  },
  {
    name: "results(assetId, checkId, params)",
    ids: two,
    call: (r, [a, b]) => r.results(a!, b!, { offset: 3, limit: 1000 }),
    method: "GET",
    path: (ids) => `${c2(ids)}/results`,
    search: "limit=1000&offset=3",
    data: { items: [] },
    check: (out) => expect(out).toEqual([]),
  },
];

describe("ReferentialResource", () => {
  const remote = useRemote();
  wireCases(remote, make, cases);

  iterates(remote, make, {
    name: "iterate(assetId)",
    container: "items",
    item: (i) => ({ ...check, id: `c${i}` }),
    iterate: (r, p) => r.iterate("asset-uuid", { ...p, is_active: true }),
    path: "/sdk/referential/asset-uuid",
    search: (at) => `limit=2&offset=${at}&is_active=true`,
  });
  iterates(remote, make, {
    name: "iterateResults(assetId, checkId)",
    container: "items",
    item: result,
    iterate: (r, p) => r.iterateResults("asset-uuid", "check-uuid", p),
    path: "/sdk/referential/asset-uuid/check-uuid/results",
    search: (at) => `limit=2&offset=${at}`,
  });

  invalidParams<ReferentialResource>(remote, make, [
    ["summary with an empty asset id", (r) => r.summary("")],
    ["list with limit 101", (r) => r.list("a", { limit: 101 })],
    ["list with is_active 1", (r) => r.list("a", { is_active: 1 as never })],
    ["iterate with limit 0", (r) => r.iterate("a", { limit: 0 })],
    ["get with the literal check id 'summary'", (r) => r.get("a", "summary")],
    [
      "create without parent_column_name",
      (r) => r.create("a", { ...required, parent_column_name: undefined } as never),
    ],
    [
      "create with capture_interval 'minutely'",
      (r) => r.create("a", { ...required, capture_interval: "minutely" as never }),
    ],
    ["create with a negative max_orphan_count", (r) => r.create("a", { ...required, max_orphan_count: -1 })],
    ["create with max_orphan_percent 150", (r) => r.create("a", { ...required, max_orphan_percent: 150 })],
    ["update with a fractional min_child_count", (r) => r.update("a", "c", { min_child_count: 1.5 })],
    ["update with an unknown key", (r) => r.update("a", "c", { severity: "critical" } as never)],
    ["delete with a '.' check id", (r) => r.delete("a", ".")],
    ["execute with a non-string id", (r) => r.execute("a", null as never)],
    ["results with limit 1001", (r) => r.results("a", "c", { limit: 1001 })],
    ["iterateResults with limit 1001", (r) => r.iterateResults("a", "c", { limit: 1001 })],
  ]);

  errorMapping(remote, make, (r) => r.execute("asset-uuid", "check-uuid"));
});
