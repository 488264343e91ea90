/**
 * Status → error class as a table (docs/protocol.md §3): every status from 100 to 599 is checked
 * against a literal oracle, so a line added to or dropped from the SDK's table fails a row here; and
 * how an error body is read (§3.1), with exact messages, codes and fields.
 */
import { describe, expect, it } from "vitest";
import {
  AbortError,
  ArmorError,
  AuthenticationError,
  AuthorizationError,
  ConnectionError,
  JobFailedError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  StalenessError,
  TimeoutError,
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
    ["a top message that is not a string as none", { message: 42, detail: "d" }, "d", "API_ERROR", {}],
    ["a code that is not a string as none", { error: { message: "m", code: 42 } }, "m", "API_ERROR", {}],
    ["details that are text as none", { error: { message: "m", details: "text" } }, "m", "API_ERROR", {}],
    ["an error that is null as none", { error: null, message: "top" }, "top", "API_ERROR", {}],
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

describe("the error classes", () => {
  it.each<[string, new (message: string) => ArmorError, string]>([
    ["ArmorError", ArmorError, "API_ERROR"],
    ["AuthenticationError", AuthenticationError, "UNAUTHORIZED"],
    ["AuthorizationError", AuthorizationError, "FORBIDDEN"],
    ["NotFoundError", NotFoundError, "NOT_FOUND"],
    ["ValidationError", ValidationError, "VALIDATION_ERROR"],
    ["RateLimitError", RateLimitError, "RATE_LIMIT_EXCEEDED"],
    ["ServerError", ServerError, "SERVER_ERROR"],
    ["ConnectionError", ConnectionError, "CONNECTION_ERROR"],
    ["TimeoutError", TimeoutError, "TIMEOUT"],
    ["AbortError", AbortError, "ABORTED"],
  ])("should name %s and give it its code", (name, Class, code) => {
    const error = new Class("went wrong");
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(String(error)).toBe(`${name}: [${code}] went wrong`);
    // No status or request id: the keys are left out, not set to undefined.
    expect(Object.keys(error.toJSON())).toEqual(
      name === "RateLimitError"
        ? ["name", "message", "code", "retryable", "details", "retryAfter"]
        : ["name", "message", "code", "retryable", "details"],
    );
    expect(error.toJSON()).toEqual(
      name === "RateLimitError"
        ? { name, message: "went wrong", code, retryable: false, details: {}, retryAfter: undefined }
        : { name, message: "went wrong", code, retryable: false, details: {} },
    );
  });

  it("should serialise every field it holds, and nothing else", () => {
    const error = new ArmorError("m", {
      status: 409,
      code: "C",
      details: { a: 1 },
      requestId: "r1",
      retryable: true,
      cause: new Error("under"),
    });
    expect(error.toJSON()).toEqual({
      name: "ArmorError",
      message: "m",
      code: "C",
      status: 409,
      requestId: "r1",
      retryable: true,
      details: { a: 1 },
    });
    expect((error.cause as Error).message).toBe("under");
    expect(new ArmorError("m").cause).toBeUndefined();
    expect("cause" in new ArmorError("m")).toBe(false);
  });

  it("should recognise its own errors only", () => {
    expect(ArmorError.is(new TimeoutError("t"))).toBe(true);
    expect(ArmorError.is(new Error("e"))).toBe(false);
    expect(ArmorError.is(null)).toBe(false);
    expect(ArmorError.is("ArmorError")).toBe(false);
    expect(ArmorError.is({ name: "ArmorError", code: "API_ERROR" })).toBe(false);
    expect(ArmorError.is({ [Symbol.for("anomalyarmor.error")]: true })).toBe(true);
    // Only an object carries the brand: a function given the same symbol is not an error of ours.
    expect(ArmorError.is(Object.assign(() => {}, { [Symbol.for("anomalyarmor.error")]: true }))).toBe(false);
  });

  it("should keep a ValidationError's issues, redacted, and list them in toJSON only when there are some", () => {
    const secret = "aa_live_Zz9Yy8Xx7";
    const error = new ValidationError("bad", { issues: [{ path: "limit", message: `got ${secret}` }] });
    expect(error.issues).toEqual([{ path: "limit", message: "got [REDACTED]" }]);
    expect(error.toJSON().issues).toEqual([{ path: "limit", message: "got [REDACTED]" }]);
    expect("issues" in new ValidationError("bad").toJSON()).toBe(false);
  });

  it("should keep a ResponseValidationError's issues and body, redacted", () => {
    const error = new ResponseValidationError("off model", {
      issues: [{ path: "a", message: "expected string" }],
      body: { token: "aa_live_Q1w2e3" },
    });
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.issues).toEqual([{ path: "a", message: "expected string" }]);
    expect(error.body).toEqual({ token: "[REDACTED]" });
    expect(error.toJSON()).toEqual({
      name: "ResponseValidationError",
      message: "off model",
      code: "INVALID_RESPONSE",
      retryable: false,
      details: {},
      issues: [{ path: "a", message: "expected string" }],
    });
  });

  it.each<[string, ConstructorParameters<typeof StalenessError>[0], string]>([
    [
      "age and threshold",
      { asset: "orders", hours_since_update: 30.04, threshold_hours: 24 },
      "Asset 'orders' is stale: 30.0h since last update (threshold: 24.0h)",
    ],
    ["no age", { asset: "orders", threshold_hours: 24 }, "Asset 'orders' is stale"],
    ["no threshold", { asset: "orders", hours_since_update: 3 }, "Asset 'orders' is stale"],
    [
      "an age that is not a number",
      { asset: "orders", hours_since_update: "3" as unknown as number, threshold_hours: 1 },
      "Asset 'orders' is stale",
    ],
    [
      "an infinite age",
      { asset: "orders", hours_since_update: Infinity, threshold_hours: 1 },
      "Asset 'orders' is stale",
    ],
  ])("should word a StalenessError with %s", (_, init, message) => {
    const error = new StalenessError(init);
    expect(error.message).toBe(message);
    expect(error.code).toBe("DATA_STALE");
    expect(error.toJSON()).toEqual({
      name: "StalenessError",
      message,
      code: "DATA_STALE",
      retryable: false,
      details: {},
      asset: "orders",
      hours_since_update: init.hours_since_update,
      threshold_hours: init.threshold_hours,
    });
  });

  it("should keep a StalenessError's status, redacted", () => {
    const error = new StalenessError({ asset: "orders", freshness: { note: "key aa_live_Abc123" } });
    expect(error.freshness).toEqual({ note: "key [REDACTED]" });
    expect(error.asset).toBe("orders");
  });

  it.each<[string, unknown, string]>([
    [
      "a failed job with its error",
      { job_id: "j1", status: "failed", error: "disk full" },
      "Job j1 ended failed: disk full",
    ],
    ["no error", { job_id: "j1", status: "cancelled" }, "Job j1 ended cancelled"],
    ["an empty error", { job_id: "j1", status: "error", error: "" }, "Job j1 ended error"],
    ["a numeric id", { job_id: 7, status: "timed_out" }, "Job 7 ended timed_out"],
    ["no id or status", {}, "Job ? ended unknown"],
    ["fields of the wrong type", { job_id: { x: 1 }, status: ["failed"], error: 5 }, "Job ? ended unknown: 5"],
    ["not an object", null, "Job ? ended unknown"],
    ["a string", "disk full", "Job ? ended unknown"],
  ])("should word a JobFailedError for %s", (_, job, message) => {
    const error = new JobFailedError(job as JobFailedError["job"]);
    expect(error.name).toBe("JobFailedError");
    expect(error.message).toBe(message);
    expect(error.code).toBe("JOB_FAILED");
    expect(error.toJSON().job).toEqual(job !== null && typeof job === "object" ? job : {});
  });
});
