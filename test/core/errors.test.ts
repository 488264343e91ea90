/**
 * Status → error class as a table (docs/protocol.md §3): every status from 100 to 599 is checked
 * against a literal oracle, so a line added to or dropped from the SDK's table fails a row here; and
 * how an error body is read (§3.1), with exact messages, codes and fields.
 */
import { describe, expect, it } from "vitest";
import {
  ArmorError,
  AuthenticationError,
  AuthorizationError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
  createApiError,
} from "../../src/core/errors";

/** The oracle: statuses with a class of their own; 5xx not listed are ServerError, the rest ArmorError. */
const CLASS_OF: Record<number, [name: string, code: string]> = {
  400: ["ValidationError", "VALIDATION_ERROR"],
  401: ["AuthenticationError", "UNAUTHORIZED"],
  403: ["AuthorizationError", "FORBIDDEN"],
  404: ["NotFoundError", "NOT_FOUND"],
  422: ["ValidationError", "VALIDATION_ERROR"],
  429: ["RateLimitError", "RATE_LIMIT_EXCEEDED"],
};
const expectedFor = (status: number): [string, string] =>
  CLASS_OF[status] ?? (status >= 500 ? ["ServerError", "SERVER_ERROR"] : ["ArmorError", "API_ERROR"]);
const STATUSES = Array.from({ length: 500 }, (_, i) => 100 + i);

describe("status → error class", () => {
  it.each(STATUSES.map((status) => [status, ...expectedFor(status)] as const))(
    "should build for HTTP %i a %s with code %s",
    (status, name, code) => {
      const error = createApiError(status, undefined, new Headers());
      expect(error.constructor.name).toBe(name);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      expect(error.status).toBe(status);
      expect(error.message).toBe(`Request failed with HTTP ${status}`);
    },
  );

  it("meta: every status with a class of its own has an oracle row, and the oracle has no stray row", () => {
    const ownClass = STATUSES.filter((status) => {
      const c = createApiError(status, undefined, new Headers()).constructor;
      return c !== ArmorError && !(status >= 500 && c === ServerError);
    });
    expect(ownClass).toEqual([400, 401, 403, 404, 422, 429]);
    expect(Object.keys(CLASS_OF).map(Number)).toEqual(ownClass);
  });

  it("should keep the hierarchy callers catch by", () => {
    const forbidden = createApiError(403, undefined, new Headers());
    expect(forbidden).toBeInstanceOf(AuthorizationError);
    expect(forbidden).toBeInstanceOf(AuthenticationError);
    expect(createApiError(422, undefined, new Headers())).toBeInstanceOf(ValidationError);
    expect(createApiError(404, undefined, new Headers())).toBeInstanceOf(NotFoundError);
    expect(createApiError(599, undefined, new Headers())).toBeInstanceOf(ServerError);
    expect(ArmorError.is(createApiError(302, undefined, new Headers()))).toBe(true);
  });
});

describe("createApiError reads the body", () => {
  const read = (body: unknown, headers: Record<string, string> = {}) => createApiError(409, body, new Headers(headers));

  it.each<[string, unknown, string, string, Record<string, unknown>]>([
    [
      "the envelope's error",
      { error: { message: "taken", code: "CONFLICT", details: { field: "name" } } },
      "taken",
      "CONFLICT",
      { field: "name" },
    ],
    [
      "the top message when error.message is empty",
      { error: { message: "", code: "X" }, message: "top" },
      "top",
      "X",
      {},
    ],
    ["error.message that is not a string", { error: { message: 5 }, message: "top" }, "top", "API_ERROR", {}],
    ["an empty code as none", { error: { message: "m", code: "" } }, "m", "API_ERROR", {}],
    ["details that are an array as none", { error: { message: "m", details: ["a"] } }, "m", "API_ERROR", {}],
    ["details that are null as none", { error: { message: "m", details: null } }, "m", "API_ERROR", {}],
    ["error as a string", { error: "conflict" }, "conflict", "API_ERROR", {}],
    ["the top message before an error string", { error: "conflict", message: "top" }, "top", "API_ERROR", {}],
    ["FastAPI's detail", { detail: "Not allowed" }, "Not allowed", "API_ERROR", {}],
    ["the top message before detail", { detail: "d", message: "top" }, "top", "API_ERROR", {}],
    ["a detail that is not a string", { detail: [{ msg: "x" }] }, "Request failed with HTTP 409", "API_ERROR", {}],
    ["an error that is an array", { error: ["x"] }, "Request failed with HTTP 409", "API_ERROR", {}],
    ["an array body", ["x"], "Request failed with HTTP 409", "API_ERROR", {}],
    ["a null body", null, "Request failed with HTTP 409", "API_ERROR", {}],
    ["JSON text", '{"error":{"message":"from text","code":"T"}}', "from text", "T", {}],
    ["plain text", "  upstream busy  ", "upstream busy", "API_ERROR", {}],
    ["an HTML page as no message", "<html><body>502</body></html>", "Request failed with HTTP 409", "API_ERROR", {}],
    ["empty text", "", "Request failed with HTTP 409", "API_ERROR", {}],
  ])("should take %s", (_, body, message, code, details) => {
    const error = read(body);
    expect(error.message).toBe(message);
    expect(error.code).toBe(code);
    expect(error.details).toEqual(details);
  });

  it("should cut plain text to 500 characters", () => {
    expect(read("x".repeat(501)).message).toBe("x".repeat(500));
  });

  it("should keep the request id and the retry verdict it is given", () => {
    const error = createApiError(503, undefined, new Headers({ "x-request-id": "req-7" }), undefined, true);
    expect(error.requestId).toBe("req-7");
    expect(error.retryable).toBe(true);
    const plain = createApiError(503, undefined, new Headers());
    expect(plain.requestId).toBeUndefined();
    expect(plain.retryable).toBe(false);
  });

  it.each<[Record<string, string>, number | undefined]>([
    [{ "retry-after": "3" }, 3],
    [{ "retry-after-ms": "1500" }, 1.5],
    [{}, undefined],
  ])("should read a 429's wait from %j in seconds", (headers, seconds) => {
    const error = createApiError(429, undefined, new Headers(headers));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(seconds);
  });

  it("should redact the key from the message, code, details and request id", () => {
    const secret = "tok_9f8e7d6c5b4a";
    const error = createApiError(
      400,
      { error: { message: `bad key ${secret}`, code: `C_${secret}`, details: { echoed: secret } } },
      new Headers({ "x-request-id": `r-${secret}` }),
      secret,
    );
    expect(error.message).toBe("bad key [REDACTED]");
    expect(error.code).toBe("C_[REDACTED]");
    expect(error.details).toEqual({ echoed: "[REDACTED]" });
    expect(error.requestId).toBe("r-[REDACTED]");
  });
});
