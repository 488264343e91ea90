/**
 * Every public entry point besides the client's methods (every-call-settles.test.ts has those) takes an
 * options object or a client: given something that is not one, or one that cannot be read (a revoked
 * Proxy, a trap or a getter that throws), each fails with a ValidationError naming the argument, quotes
 * no key, and sends nothing. Before, each let the runtime's TypeError (or the getter's own error, key
 * and all) escape.
 */
import { QueryClient } from "@tanstack/query-core";
import { describe, expect, it } from "vitest";
import { clientFromEnv, createFreshnessGate, freshnessFromEnv, withFreshnessGate } from "../../src/adapters";
import { Client } from "../../src/client";
import { ValidationError } from "../../src/core/errors";
import { armorKeys, armorMutations, armorQueries, pollJob, waitForFresh } from "../../src/query";

const KEY = "aa_live_entrypoints0123456789";
const API = "https://api.anomalyarmor.test/api/v1";

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}
const throwing = () => {
  throw new Error(`hostile ${KEY}`);
};

/** Arguments that are not an object, or cannot be read: [what, value, how the error describes it]. */
const HOSTILE: [string, () => unknown, "must be an object" | "could not be read"][] = [
  ["null", () => null, "must be an object"],
  ["a number", () => 5, "must be an object"],
  ["a string", () => "options", "must be an object"],
  ["a symbol", () => Symbol("s"), "must be an object"],
  ["an array", () => [1], "must be an object"],
  ["a revoked Proxy", revoked, "could not be read"],
  ["a Proxy whose ownKeys trap throws", () => new Proxy({}, { ownKeys: throwing }), "could not be read"],
  ["a Proxy whose get trap throws", () => new Proxy({ a: 1 }, { get: throwing }), "could not be read"],
  [
    "a getter that throws",
    () => ({
      get a() {
        return throwing();
      },
    }),
    "could not be read",
  ],
];

function sending() {
  const sent: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    sent.push(String(input));
    return Response.json({ data: {} });
  }) as typeof globalThis.fetch;
  return { client: new Client({ apiKey: KEY, apiUrl: API, fetch, maxRetries: 0 }), sent };
}

/** The error `run` fails with, sync or async. */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectRefused(error: unknown, path: string, how?: string) {
  expect(error, String(error)).toBeInstanceOf(ValidationError);
  const e = error as ValidationError;
  expect(e.issues?.map((i) => i.path)).toEqual([path]);
  if (how) expect(e.message.startsWith(`${path} ${how}`), e.message).toBe(true);
  expect(`${e.message} ${JSON.stringify(e)}`).not.toContain(KEY);
}

describe("options that are not an object, or cannot be read", () => {
  const { client, sent } = sending();
  const q = armorQueries(client);
  const entries: [string, (v: unknown) => unknown][] = [
    ["new Client", (v) => new Client(v as never)],
    ["clientFromEnv", (v) => clientFromEnv({ ARMOR_API_KEY: KEY, ARMOR_API_URL: API }, v as never)],
    ["freshnessFromEnv", (v) => freshnessFromEnv({ ARMOR_API_KEY: KEY, ARMOR_API_URL: API }, v as never)],
    ["client.withOptions", (v) => client.withOptions(v as never)],
    ["waitForFresh", (v) => waitForFresh(client, "a.b.c", v as never)],
    ["pollJob", (v) => pollJob(client, "job-1", v as never)],
    ["armorQueries().freshness.get", (v) => q.freshness.get("a.b.c", v as never)],
    ["armorQueries().jobs.status", (v) => q.jobs.status("job-1", v as never)],
  ];
  for (const [name, call] of entries) {
    it(`${name}: ValidationError at options, nothing sent`, async () => {
      for (const [what, make, how] of HOSTILE) {
        const error = await failure(() => call(make()));
        expect(error, `${name} ${what}`).toBeInstanceOf(ValidationError);
        expectRefused(error, "options", how);
      }
      expect(sent).toEqual([]);
    });
  }

  it("armorQueries().freshness.get: a poll option that cannot be read fails at poll", async () => {
    // The object-typed ones: each reaches the read of the poll options.
    const objects = HOSTILE.filter(([, make]) => typeof make() === "object" && make() !== null);
    expect(objects.length).toBe(5);
    for (const [what, make, how] of objects) {
      const error = await failure(() => q.freshness.get("a.b.c", { poll: make() } as never));
      expect(error, what).toBeInstanceOf(ValidationError);
      expectRefused(error, "poll", how);
    }
  });

  it("createFreshnessGate and withFreshnessGate: ValidationError, whatever the options object does", async () => {
    const unreadable = HOSTILE.filter(([, , h]) => h === "could not be read");
    expect(unreadable.length).toBe(4);
    for (const [what, make, how] of unreadable) {
      for (const build of [
        () => createFreshnessGate(make() as never),
        () => withFreshnessGate(() => new Response("ok"), make() as never),
      ]) {
        const error = await failure(build);
        expect(error, what).toBeInstanceOf(ValidationError);
        expectRefused(error, "options", how);
      }
    }
  });
});

describe("a client that is not one", () => {
  const NOT_CLIENTS: [string, () => unknown][] = [
    ["null", () => null],
    ["a plain object", () => ({})],
    ["a number", () => 5],
    ["a revoked Proxy", revoked],
    ["a Proxy whose get trap throws", () => new Proxy({}, { get: throwing })],
    [
      "a client-shaped object whose getter throws",
      () => ({
        get transport() {
          return throwing();
        },
        get jobs() {
          return throwing();
        },
        get freshness() {
          return throwing();
        },
      }),
    ],
  ];
  const entries: [string, (c: unknown) => unknown][] = [
    ["armorKeys", (c) => armorKeys(c as never)],
    ["armorQueries", (c) => armorQueries(c as never)],
    ["armorMutations", (c) => armorMutations(c as never, new QueryClient())],
    ["waitForFresh", (c) => waitForFresh(c as never, "a.b.c")],
    ["pollJob", (c) => pollJob(c as never, "job-1")],
  ];
  for (const [name, call] of entries) {
    it(`${name}: ValidationError at client`, async () => {
      for (const [what, make] of NOT_CLIENTS) {
        const error = await failure(() => call(make()));
        expect(error, `${name} ${what}`).toBeInstanceOf(ValidationError);
        expectRefused(error, "client");
      }
    });
  }

  it("should still accept a real client and anything shaped like one (the pollers read one method)", async () => {
    const { client } = sending();
    expect(armorKeys(client).all).toEqual(["anomalyarmor", client.transport.scope]);
    const jobs = { jobs: { status: async () => ({ job_id: "j", status: "completed" }) } };
    await expect(pollJob(jobs, "j")).resolves.toEqual({ job_id: "j", status: "completed" });
  });
});
