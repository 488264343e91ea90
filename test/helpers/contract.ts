/**
 * Shared checks for resource tests: a transport pointed at the msw stand-in, an awkward path id, and the
 * per-resource error matrix (every status mapped, fields kept, the key never leaked).
 */
import { describe, expect, it } from "vitest";
import { createTransport, type Transport } from "../../src/core/http";
import {
  ArmorError,
  AuthenticationError,
  AuthorizationError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  ValidationError,
} from "../../src/core/errors";
import { API, ERROR_STATUSES, KEY, type useRemote } from "./remote";

/** A path id holding every character that could split or end a path. */
export const ODD_ID = "a/b?c#d%e f";
/** {@link ODD_ID} as one percent-encoded segment. */
export const ODD_SEGMENT = "a%2Fb%3Fc%23d%25e%20f";

/** A transport on the stand-in that never retries, so error tests stay fast and count one request. */
export function transport(): Transport {
  return createTransport({ apiKey: KEY, apiUrl: API, maxRetries: 0 });
}

const CLASSES: Record<string, new (...args: never[]) => ArmorError> = {
  ArmorError,
  AuthenticationError,
  AuthorizationError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
};

/** Runs `call` and returns what it threw (fails the test when it resolves). */
export async function failure(call: () => Promise<unknown>): Promise<ArmorError> {
  try {
    await call();
  } catch (error) {
    expect(ArmorError.is(error)).toBe(true);
    return error as ArmorError;
  }
  throw new Error("expected the call to fail");
}

/** Asserts `call` fails with ValidationError before any request leaves. */
export async function rejectsBeforeSending(
  remote: ReturnType<typeof useRemote>,
  call: () => Promise<unknown>,
): Promise<void> {
  const before = remote.requests.length;
  const error = await failure(call);
  expect(error).toBeInstanceOf(ValidationError);
  expect(remote.requests).toHaveLength(before);
}

/** Asserts `call` fails with ResponseValidationError on the queued (malformed) 2xx body. */
export async function rejectsBody(
  remote: ReturnType<typeof useRemote>,
  body: unknown,
  call: () => Promise<unknown>,
): Promise<void> {
  const before = remote.requests.length;
  remote.reply(Response.json(body));
  const error = await failure(call);
  expect(error).toBeInstanceOf(ResponseValidationError);
  expect(remote.requests).toHaveLength(before + 1);
}

/**
 * Declares the error matrix for one resource: every status of `ERROR_STATUSES` maps to its class with
 * status, code and details kept, and the key appears nowhere, even when the server echoes it.
 */
export function errorMatrix(remote: ReturnType<typeof useRemote>, call: () => Promise<unknown>): void {
  describe("errors", () => {
    // audit: ERROR_STATUSES is a literal table of seven rows (test/helpers/remote.ts)
    for (const [status, name] of ERROR_STATUSES) {
      it(`should map HTTP ${status} to ${name} keeping status, code and details`, async () => {
        remote.reply(remote.error(status, `CODE_${status}`, "went wrong", { field: "x", n: status }));
        const error = await failure(call);
        expect(error).toBeInstanceOf(CLASSES[name]!);
        expect(error.name).toBe(name);
        expect(error.status).toBe(status);
        expect(error.code).toBe(`CODE_${status}`);
        expect(error.details).toEqual({ field: "x", n: status });
        expect(error.message).toContain("went wrong");
        expect(remote.requests).toHaveLength(1);
      });

      it(`should keep the key out of a ${status} error even when the server echoes it`, async () => {
        remote.reply(remote.error(status, "ECHO", `bad key ${KEY}`, { key: KEY, nested: { auth: `Bearer ${KEY}` } }));
        const error = await failure(call);
        expect(error).toBeInstanceOf(CLASSES[name]!);
        for (const text of [error.message, String(error), JSON.stringify(error), String(error.stack)]) {
          expect(text).not.toContain(KEY);
        }
      });
    }
  });
}
