import { describe, expect } from "vitest";
import type { Transport } from "../../src/core/http";
import { ValidityResource, type ValidityCheckResult, type ValidityRule } from "../../src/resources/validity";
import { errorMapping, invalidParams, iterates, wireCases, type WireCase } from "../helpers/endpoint-cases";
import { useRemote } from "../helpers/remote";

const make = (t: Transport) => new ValidityResource(t);

const summary = { total_rules: 20, passing: 15, failing: 3, error: 2 };
const rule = {
  id: 1,
  uuid: "rule-uuid-1",
  rule_type: "NOT_NULL",
  table_path: "s.users",
  column_name: "email",
  is_active: true,
  severity: "critical",
};
const result = (i: number) => ({
  id: i,
  validity_rule_id: 1,
  status: "PASS",
  total_rows: 1000,
  invalid_count: 0,
  invalid_percent: 0.0,
  checked_at: "2025-01-08T10:00:00Z",
});
const two = ["asset-uuid", "rule-uuid"];
const r2 = (ids: string[]) => `/sdk/validity/${ids[0]}/${ids[1]}`;

const cases: WireCase<ValidityResource>[] = [
  {
    name: "summary(assetId)",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.summary(a!),
    method: "GET",
    path: ([a]) => `/sdk/validity/${a}/summary`,
    data: summary,
    malformed: { passing: 1 },
  },
  {
    name: "summary(assetId) fills defaults",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.summary(a!),
    method: "GET",
    path: ([a]) => `/sdk/validity/${a}/summary`,
    data: { total_rules: 2, failing: null },
    check: (out) => expect(out).toEqual({ total_rules: 2, passing: 0, failing: 0, error: 0 }),
  },
  {
    name: "list(assetId) with defaults",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.list(a!),
    method: "GET",
    path: ([a]) => `/sdk/validity/${a}`,
    search: "limit=50&offset=0",
    data: { items: [rule] },
    check: (out) =>
      expect((out as ValidityRule[])[0]).toMatchObject({
        ...rule,
        treat_null_as_valid: false,
        check_interval: "daily",
      }),
    malformed: { items: [{ ...rule, id: "one" }] },
  },
  {
    name: "list(assetId, every param)",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.list(a!, { is_active: false, rule_type: "REGEX", offset: 0, limit: 100 }),
    method: "GET",
    path: ([a]) => `/sdk/validity/${a}`,
    search: "limit=100&offset=0&rule_type=REGEX&is_active=false",
    data: { items: [] },
    check: (out) => expect(out).toEqual([]),
    malformed: { items: "nope" },
  },
  {
    name: "get(assetId, ruleId)",
    ids: two,
    call: (r, [a, b]) => r.get(a!, b!),
    method: "GET",
    path: r2,
    data: rule,
    malformed: { ...rule, uuid: null },
  },
  {
    name: "create(assetId, required only)",
    ids: ["asset-uuid"],
    call: (r, [a]) => r.create(a!, { table_path: "s.users", rule_type: "NOT_NULL" }),
    method: "POST",
    path: ([a]) => `/sdk/validity/${a}`,
    body: {
      rule_type: "NOT_NULL",
      table_path: "s.users",
      severity: "warning",
      treat_null_as_valid: false,
      check_interval: "daily",
    },
    data: rule,
    malformed: { ...rule, rule_type: 3 },
  },
  {
    name: "create(assetId, every param)",
    ids: ["asset-uuid"],
    call: (r, [a]) =>
      r.create(a!, {
        check_interval: "hourly",
        treat_null_as_valid: true,
        alert_threshold_percent: 0,
        severity: "critical",
        error_message: "bad email",
        description: "emails",
        name: "Email format",
        rule_config: { pattern: "^.+@.+$" },
        column_name: "email",
        table_path: "s.users",
        rule_type: "REGEX",
      }),
    method: "POST",
    path: ([a]) => `/sdk/validity/${a}`,
    body: {
      rule_type: "REGEX",
      table_path: "s.users",
      severity: "critical",
      treat_null_as_valid: true,
      check_interval: "hourly",
      column_name: "email",
      rule_config: { pattern: "^.+@.+$" },
      name: "Email format",
      description: "emails",
      error_message: "bad email",
      alert_threshold_percent: 0,
    },
    data: { ...rule, rule_type: "REGEX", rule_config: { pattern: "^.+@.+$" } },
  },
  {
    name: "update(assetId, ruleId, every param)",
    ids: two,
    call: (r, [a, b]) =>
      r.update(a!, b!, {
        check_interval: "weekly",
        treat_null_as_valid: false,
        alert_threshold_percent: 2.5,
        description: "d",
        name: "n",
        severity: "info",
        is_active: false,
      }),
    method: "PATCH",
    path: r2,
    body: {
      is_active: false,
      severity: "info",
      name: "n",
      description: "d",
      alert_threshold_percent: 2.5,
      treat_null_as_valid: false,
      check_interval: "weekly",
    },
    data: rule,
    malformed: { ...rule, severity: 1 },
  },
  {
    name: "update(assetId, ruleId, {}) sends {}",
    ids: two,
    call: (r, [a, b]) => r.update(a!, b!, {}),
    method: "PATCH",
    path: r2,
    body: {},
    data: rule,
  },
  {
    name: "delete(assetId, ruleId)",
    ids: two,
    call: (r, [a, b]) => r.delete(a!, b!),
    method: "DELETE",
    path: r2,
    data: undefined,
  },
  {
    name: "check(assetId, ruleId) sends sample_limit=10",
    ids: two,
    call: (r, [a, b]) => r.check(a!, b!),
    method: "POST",
    path: (ids) => `${r2(ids)}/check`,
    body: { sample_limit: 10 },
    data: { ...result(1), status: "fail", invalid_samples: { rows: [] } },
    check: (out) => expect((out as ValidityCheckResult).status.toLowerCase()).toBe("fail"),
    malformed: { ...result(1), checked_at: undefined },
  },
  {
    name: "check(assetId, ruleId, { sample_limit: 20 })",
    ids: two,
    call: (r, [a, b]) => r.check(a!, b!, { sample_limit: 20 }),
    method: "POST",
    path: (ids) => `${r2(ids)}/check`,
    body: { sample_limit: 20 },
    data: result(1),
  },
  {
    name: "results(assetId, ruleId) with defaults",
    ids: two,
    call: (r, [a, b]) => r.results(a!, b!),
    method: "GET",
    path: (ids) => `${r2(ids)}/results`,
    search: "limit=100&offset=0",
    data: { items: [result(1), result(2)] },
    check: (out) => expect(out).toHaveLength(2),
    malformed: { items: [{ ...result(1), invalid_percent: "0%" }] },
  },
  {
    name: "results(assetId, ruleId, params)",
    ids: two,
    call: (r, [a, b]) => r.results(a!, b!, { limit: 30, offset: 60 }),
    method: "GET",
    path: (ids) => `${r2(ids)}/results`,
    search: "limit=30&offset=60",
    data: { items: [] },
    check: (out) => expect(out).toEqual([]),
  },
];

describe("ValidityResource", () => {
  const remote = useRemote();
  wireCases(remote, make, cases);

  iterates(remote, make, {
    name: "iterate(assetId)",
    container: "items",
    item: (i) => ({ ...rule, id: i }),
    iterate: (r, p) => r.iterate("asset-uuid", { ...p, rule_type: "UNIQUE" }),
    path: "/sdk/validity/asset-uuid",
    search: (at) => `limit=2&offset=${at}&rule_type=UNIQUE`,
  });
  iterates(remote, make, {
    name: "iterateResults(assetId, ruleId)",
    container: "items",
    item: result,
    iterate: (r, p) => r.iterateResults("asset-uuid", "rule-uuid", p),
    path: "/sdk/validity/asset-uuid/rule-uuid/results",
    search: (at) => `limit=2&offset=${at}`,
  });

  invalidParams<ValidityResource>(remote, make, [
    ["summary with the literal id 'summary'", (r) => r.summary("summary")],
    ["list with limit 101", (r) => r.list("a", { limit: 101 })],
    ["list with rule_type 'not_null'", (r) => r.list("a", { rule_type: "not_null" as never })],
    ["list with a fractional offset", (r) => r.list("a", { offset: 1.5 })],
    ["iterate with limit 0", (r) => r.iterate("a", { limit: 0 })],
    ["get with an empty rule id", (r) => r.get("a", "")],
    ["create with rule_type 'LIKE'", (r) => r.create("a", { rule_type: "LIKE" as never, table_path: "t" })],
    ["create without table_path", (r) => r.create("a", { rule_type: "UNIQUE" } as never)],
    [
      "create with severity 'high'",
      (r) => r.create("a", { rule_type: "UNIQUE", table_path: "t", severity: "high" as never }),
    ],
    [
      "create with check_interval 'monthly'",
      (r) => r.create("a", { rule_type: "UNIQUE", table_path: "t", check_interval: "monthly" as never }),
    ],
    [
      "create with rule_config as an array",
      (r) => r.create("a", { rule_type: "ENUM", table_path: "t", rule_config: [] as never }),
    ],
    [
      "create with alert_threshold_percent 101",
      (r) => r.create("a", { rule_type: "UNIQUE", table_path: "t", alert_threshold_percent: 101 }),
    ],
    ["update with severity 'fatal'", (r) => r.update("a", "r", { severity: "fatal" as never })],
    ["update with an unknown key", (r) => r.update("a", "r", { rule_config: {} } as never)],
    ["delete with a '..' rule id", (r) => r.delete("a", "..")],
    ["check with sample_limit 0", (r) => r.check("a", "r", { sample_limit: 0 })],
    ["results with limit 1001", (r) => r.results("a", "r", { limit: 1001 })],
    ["iterateResults with a negative offset", (r) => r.iterateResults("a", "r", { offset: -2 })],
  ]);

  errorMapping(remote, make, (r) => r.check("asset-uuid", "rule-uuid"));
});
