/**
 * Table-driven endpoint checks over the msw stand-in: one table row per call shape, and the generic
 * checks every endpoint must pass (request as sent, envelope unwrapped, ids encoded, malformed body,
 * params refused before sending, error mapping with the key kept out of every error).
 */
import { describe, expect, it } from "vitest";
import { createTransport, type Transport } from "../../src/core/http";
import { ArmorError, ResponseValidationError, ValidationError } from "../../src/core/errors";
import { API, ERROR_STATUSES, KEY, useRemote } from "./remote";

/** The object `useRemote()` returns. */
export type Remote = ReturnType<typeof useRemote>;

/** One call shape and exactly what must travel for it. */
export interface WireCase<R> {
  /** Test label, e.g. `list() with defaults`. */
  name: string;
  /** Path ids the call takes, in order (replaced by hostile ids in the encoding test). */
  ids?: string[];
  /** Makes the call. */
  call: (resource: R, ids: string[]) => Promise<unknown>;
  /** HTTP method expected. */
  method: string;
  /** Expected path for the ids given (already encoded). */
  path: (ids: string[]) => string;
  /** Exact raw query string expected (`""` when none). */
  search?: string;
  /** Exact JSON body expected (order checked); `undefined` = no body at all. */
  body?: Record<string, unknown>;
  /** The `data` the server answers with; `undefined` answers an empty 204. */
  data?: unknown;
  /** Checks the value the call resolved to. */
  check?: (out: unknown) => void;
  /** A `data` that breaks the model; omit for calls that ignore the body. */
  malformed?: unknown;
}

/** A client transport pointed at the stand-in. */
export function transport(): Transport {
  return createTransport({ apiKey: KEY, apiUrl: API, maxRetries: 0 });
}

const HOSTILE = ["a/b?c#d%e f", "x y/../z"];

function answer(remote: Remote, data: unknown) {
  remote.reply(data === undefined ? new Response(null, { status: 204 }) : remote.data(data));
}

/** Registers the generic wire tests for every case. */
export function wireCases<R>(remote: Remote, make: (t: Transport) => R, cases: WireCase<R>[]): void {
  // audit: each caller passes its endpoints' literal table of cases
  for (const c of cases) {
    describe(c.name, () => {
      const ids = c.ids ?? [];
      it(`should send ${c.method} ${c.path(ids)}${c.search ? `?${c.search}` : ""} exactly`, async () => {
        answer(remote, c.data);
        await c.call(make(transport()), ids);
        expect(remote.requests).toHaveLength(1);
        const sent = remote.requests[0]!;
        expect(sent.method).toBe(c.method);
        expect(sent.path).toBe(c.path(ids));
        expect(sent.search).toBe(c.search ?? "");
        if (c.body === undefined) {
          expect(sent.bodyText).toBe("");
        } else {
          expect(sent.bodyText).toBe(JSON.stringify(c.body));
          expect(sent.headers.get("content-type")).toBe("application/json");
        }
        expect(sent.headers.get("authorization")).toBe(`Bearer ${KEY}`);
      });

      it("should resolve to the unwrapped data", async () => {
        answer(remote, c.data);
        const out = await c.call(make(transport()), ids);
        if (c.check) c.check(out);
        else if (c.data === undefined) expect(out).toBeUndefined();
        else expect(out).toMatchObject(c.data as object);
      });

      if (ids.length > 0) {
        it("should encode each path id as one segment", async () => {
          const hostile = ids.map((_, i) => HOSTILE[i % HOSTILE.length]! + String(i));
          answer(remote, c.data);
          await c.call(make(transport()), hostile);
          expect(remote.requests).toHaveLength(1);
          expect(remote.requests[0]!.path).toBe(c.path(hostile.map((id) => encodeURIComponent(id))));
          expect(remote.requests[0]!.path.split("/")).toHaveLength(c.path(ids).split("/").length);
        });

        it("should refuse an empty or dot-dot id before sending", async () => {
          for (let i = 0; i < ids.length; i++) {
            for (const bad of ["", ".."]) {
              const args = ids.map((id, j) => (j === i ? bad : id));
              await expect(c.call(make(transport()), args)).rejects.toBeInstanceOf(ValidationError);
            }
          }
          expect(remote.requests).toHaveLength(0);
        });
      }

      if (c.malformed !== undefined) {
        it("should reject a malformed 2xx body with ResponseValidationError", async () => {
          remote.reply(remote.data(c.malformed));
          const err = await c.call(make(transport()), ids).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(ResponseValidationError);
          // audit: how many issues depends on each case's body; test/core/http.test.ts counts them exactly
          expect((err as ResponseValidationError).issues.length).toBeGreaterThan(0);
        });
      }
    });
  }
}

/** Registers one test asserting every call in `calls` fails with `ValidationError` and sends nothing. */
export function invalidParams<R>(
  remote: Remote,
  make: (t: Transport) => R,
  calls: [string, (r: R) => unknown][],
): void {
  describe("invalid params", () => {
    // audit: each caller passes its literal table of invalid calls
    for (const [label, call] of calls) {
      it(`should refuse ${label} with ValidationError and send nothing`, async () => {
        remote.reply(remote.data({}));
        const err = await (async () => call(make(transport())))().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ValidationError);
        expect(remote.requests).toHaveLength(0);
      });
    }
  });
}

/** Registers the error-mapping tests: every status of `ERROR_STATUSES`, key echoed by the server. */
export function errorMapping<R>(remote: Remote, make: (t: Transport) => R, call: (r: R) => Promise<unknown>): void {
  describe("errors", () => {
    // audit: ERROR_STATUSES is a literal table of seven rows (test/helpers/remote.ts)
    for (const [status, name] of ERROR_STATUSES) {
      it(`should map HTTP ${status} to ${name}, keeping status, code and details and never the key`, async () => {
        remote.reply(
          remote.error(
            status,
            "SOME_CODE",
            `rejected key ${KEY}`,
            { field: "limit", echoed: KEY },
            { "x-request-id": "req-1" },
          ),
        );
        const err = await call(make(transport())).catch((e: unknown) => e);
        expect(ArmorError.is(err)).toBe(true);
        const e = err as ArmorError;
        expect(e.name).toBe(name);
        expect(e.status).toBe(status);
        expect(e.code).toBe("SOME_CODE");
        expect(e.details.field).toBe("limit");
        expect(e.requestId).toBe("req-1");
        expect(e.message).toContain("rejected key");
        for (const text of [e.message, String(e), JSON.stringify(e), JSON.stringify(e.details)]) {
          expect(text).not.toContain(KEY);
        }
      });
    }
  });
}

/** Registers paging tests for an `iterate` twin whose list container is `container`. */
export function iterates<R>(
  remote: Remote,
  make: (t: Transport) => R,
  spec: {
    name: string;
    container: string;
    item: (i: number) => object;
    iterate: (r: R, params: { limit: number; offset?: number }) => AsyncIterable<unknown>;
    path: string;
    /** Expected query for a page at `offset` with limit 2 (fields beside limit/offset included). */
    search: (offset: number) => string;
  },
): void {
  describe(spec.name, () => {
    const page = (from: number, n: number, extra: Record<string, unknown> = {}) =>
      remote.data({ [spec.container]: Array.from({ length: n }, (_, i) => spec.item(from + i)), ...extra });

    it("should walk pages by limit until a short page", async () => {
      remote.reply(page(0, 2), page(2, 2), page(4, 1));
      const out: unknown[] = [];
      for await (const item of spec.iterate(make(transport()), { limit: 2 })) out.push(item);
      expect(out).toHaveLength(5);
      expect(out[4]).toMatchObject(spec.item(4));
      expect(remote.requests.map((r) => r.path)).toEqual([spec.path, spec.path, spec.path]);
      expect(remote.requests.map((r) => r.search)).toEqual([spec.search(0), spec.search(2), spec.search(4)]);
    });

    it("should stop where the server says has_more: false", async () => {
      remote.reply(page(0, 2, { pagination: { has_more: false } }), page(2, 2));
      const out: unknown[] = [];
      for await (const item of spec.iterate(make(transport()), { limit: 2 })) out.push(item);
      expect(out).toHaveLength(2);
      expect(remote.requests).toHaveLength(1);
    });

    it("should start at the offset given", async () => {
      remote.reply(page(6, 1));
      const out: unknown[] = [];
      for await (const item of spec.iterate(make(transport()), { limit: 2, offset: 6 })) out.push(item);
      expect(out).toHaveLength(1);
      expect(remote.requests[0]!.search).toBe(spec.search(6));
    });

    it("should reject a malformed item with ResponseValidationError", async () => {
      remote.reply(remote.data({ [spec.container]: [spec.item(0), "not an object"] }));
      const err = await (async () => {
        for await (const _ of spec.iterate(make(transport()), { limit: 2 })) void _;
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ResponseValidationError);
    });

    it("should refuse bad params at once, sending nothing", () => {
      expect(() => spec.iterate(make(transport()), { limit: 0 })).toThrow(ValidationError);
      expect(remote.requests).toHaveLength(0);
    });
  });
}
