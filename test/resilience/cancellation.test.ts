/**
 * Cancellation: a caller's signal and `close()` end a call at once — in flight, during a backoff or
 * `Retry-After` wait, while a key function runs — and nothing is left behind: no timer, no listener on
 * the caller's signal (which may outlive thousands of calls).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Client } from "../../src/client";
import type { ClientOptions } from "../../src/core/config";
import { AbortError, ArmorError, NotFoundError, TimeoutError, ValidationError } from "../../src/core/errors";
import { createSandbox, type Sandbox, type SandboxFault } from "../../src/testing/sandbox";

const ORDERS = "snowflake.prod.warehouse.orders";

/** An AbortController whose signal counts the abort listeners currently attached to it. */
function countingController() {
  const controller = new AbortController();
  const signal = controller.signal;
  const live = new Set<unknown>();
  let added = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: AddEventListenerOptions | boolean,
  ) => {
    if (type === "abort" && listener) {
      added++;
      live.add(listener);
      if (typeof options === "object" && options.once) {
        const inner = listener;
        // A once-listener removes itself when it fires.
        const wrapped = (event: Event) => {
          live.delete(inner);
          (typeof inner === "function" ? inner : inner.handleEvent.bind(inner))(event);
        };
        return add(type, wrapped, options);
      }
    }
    return add(type, listener, options);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: EventListenerOptions | boolean,
  ) => {
    if (type === "abort") live.delete(listener);
    return remove(type, listener, options);
  }) as typeof signal.removeEventListener;
  return { controller, signal, live: () => live.size, added: () => added };
}

function sdk(sandbox: Sandbox, extra: ClientOptions = {}) {
  return new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch, ...extra });
}

const settle = (p: Promise<unknown>) =>
  p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  );

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("a caller's signal", () => {
  it("should abort a call in flight with AbortError carrying the reason, and send nothing more", async () => {
    const sandbox = createSandbox({ faults: { kind: "hang" } });
    const { controller, signal, live, added } = countingController();
    const p = settle(sdk(sandbox).assets.get(ORDERS, { signal }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(live()).toBe(1);
    controller.abort(new Error("navigated away"));
    const out = await p;
    expect(out.ok).toBe(false);
    const e = (out as { e: ArmorError }).e;
    expect(e).toBeInstanceOf(AbortError);
    expect((e.cause as Error).message).toBe("navigated away");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sandbox.requests).toHaveLength(1);
    expect(sandbox.requests[0]).toMatchObject({ status: 0, applied: false, fault: { kind: "hang", aborted: true } });
    expect(added()).toBe(1);
    expect(live()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("should abort at once during a backoff wait and during a Retry-After wait, sending no further attempt", async () => {
    for (const fault of [
      { kind: "status", status: 503 },
      { kind: "rate-limit", retryAfter: 30, format: "seconds" },
    ] as SandboxFault[]) {
      const sandbox = createSandbox({ faults: fault });
      const { controller, signal, live } = countingController();
      const p = settle(sdk(sandbox).assets.list({}, { signal }));
      await vi.advanceTimersByTimeAsync(0);
      expect(sandbox.requests).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(1); // the wait
      controller.abort();
      const out = await p;
      expect((out as { e: unknown }).e).toBeInstanceOf(AbortError);
      expect(sandbox.requests).toHaveLength(1);
      expect(live()).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    }
  });

  it("should refuse an already-aborted signal without sending or listening", async () => {
    const sandbox = createSandbox();
    const { controller, signal, added } = countingController();
    controller.abort();
    expect((await settle(sdk(sandbox).assets.list({}, { signal }))).ok).toBe(false);
    expect(sandbox.requests).toHaveLength(0);
    expect(added()).toBe(0);
  });

  it("should abort while a key function is still resolving, and send nothing", async () => {
    const sandbox = createSandbox();
    const { controller, signal, live } = countingController();
    const client = sdk(sandbox, {
      apiKey: () => new Promise<string>((resolve) => setTimeout(() => resolve(sandbox.keys.admin), 5_000)),
    });
    const p = settle(client.assets.list({}, { signal }));
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(((await p) as { e: unknown }).e).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sandbox.requests).toHaveLength(0);
    expect(live()).toBe(0);
  });

  it("should stop an iterate twin between pages", async () => {
    const sandbox = createSandbox();
    const { controller, signal, live } = countingController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const asset of sdk(sandbox).assets.iterate({ limit: 2 }, { signal })) {
        seen.push(asset.id);
        if (seen.length === 3) controller.abort();
      }
    })();
    expect(
      await run.then(
        () => undefined,
        (e: unknown) => e,
      ),
    ).toBeInstanceOf(AbortError);
    // The rest of a page already read is still yielded; the next page is never asked for.
    expect(seen).toHaveLength(4);
    expect(sandbox.requests).toHaveLength(2);
    expect(live()).toBe(0);
  });

  it("should leave no listener on a signal shared by many calls that succeed, fail, retry and time out", async () => {
    const sandbox = createSandbox({
      faults: [
        { kind: "status", status: 503, rate: 0.2 },
        { kind: "hang", rate: 0.1 },
        { kind: "drop", rate: 0.1 },
        { kind: "latency", ms: [10, 500], rate: 0.2 },
      ],
    });
    const { signal, live, added } = countingController();
    const client = sdk(sandbox, { timeout: 1_000 });
    const calls = Array.from({ length: 200 }, (_, i) =>
      settle(
        i % 4 === 0
          ? client.assets.get(`missing-${i}`, { signal })
          : i % 4 === 1
            ? client.freshness.refresh(ORDERS, { signal })
            : client.assets.list({ limit: 5 }, { signal }),
      ),
    );
    await vi.runAllTimersAsync();
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(50);
    const errors = outcomes.flatMap((o) => (o.ok ? [] : [o.e]));
    expect(errors.every((e) => ArmorError.is(e))).toBe(true);
    expect(errors.some((e) => e instanceof TimeoutError)).toBe(true);
    expect(errors.some((e) => e instanceof NotFoundError)).toBe(true);
    expect(added()).toBeGreaterThan(200);
    expect(live()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("close() and dispose", () => {
  it("should abort every call in flight or waiting, reject later calls without sending, and leave nothing behind", async () => {
    const sandbox = createSandbox({
      faults: [
        { kind: "hang", routes: ["GET /sdk/freshness/{asset_id}"] },
        { kind: "status", status: 503, routes: ["GET /sdk/assets"] },
      ],
    });
    const { signal, live } = countingController();
    const client = sdk(sandbox);
    const inFlight = Array.from({ length: 10 }, () => settle(client.freshness.get(ORDERS, { signal })));
    const waiting = Array.from({ length: 10 }, () => settle(client.assets.list({}, { signal })));
    await vi.advanceTimersByTimeAsync(10);
    // The 503s are answered (their calls now wait to retry); the hanging requests are still open.
    expect(sandbox.requests).toHaveLength(10);
    expect(vi.getTimerCount()).toBeGreaterThanOrEqual(20);
    client.close();
    const outs = await Promise.all([...inFlight, ...waiting]);
    expect(outs).toHaveLength(20);
    for (const out of outs) expect((out as { e: unknown }).e).toBeInstanceOf(AbortError);
    expect(client.transport.closed).toBe(true);
    expect(((await settle(client.assets.list())) as { e: unknown }).e).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sandbox.requests).toHaveLength(20);
    expect(sandbox.requests.filter((r) => r.fault?.kind === "hang").every((r) => r.fault?.aborted)).toBe(true);
    expect(live()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(JSON.parse(JSON.stringify(client))).toMatchObject({ closed: true });
  });

  it("should close through Symbol.dispose, and a derived client should live on its own", async () => {
    const sandbox = createSandbox();
    const client = sdk(sandbox);
    const derived = client.withOptions({ timeout: 5_000 });
    {
      using scoped = client;
      expect(await scoped.assets.list()).toHaveLength(18);
    }
    expect(client.transport.closed).toBe(true);
    expect(((await settle(client.assets.list())) as { e: unknown }).e).toBeInstanceOf(AbortError);
    expect(await derived.assets.list()).toHaveLength(18);
    derived[Symbol.dispose]();
    expect(derived.transport.closed).toBe(true);
  });

  it("should time out cleanly: no timers after per-attempt timeouts with retries", async () => {
    const sandbox = createSandbox({ faults: { kind: "hang" } });
    const p = settle(sdk(sandbox, { timeout: 200, maxRetries: 2 }).assets.list());
    await vi.runAllTimersAsync();
    expect(((await p) as { e: unknown }).e).toBeInstanceOf(TimeoutError);
    expect(sandbox.requests).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});

/**
 * A real signal whose `addEventListener` or `removeEventListener` throws from its `from`-th call on:
 * it passes the shape check of the per-call options, and only fails when the transport listens.
 */
function throwingSignal(method: "addEventListener" | "removeEventListener", from: number) {
  const controller = new AbortController();
  const signal = controller.signal;
  const original = signal[method].bind(signal) as (...args: unknown[]) => void;
  let calls = 0;
  signal[method] = ((...args: unknown[]) => {
    if (++calls >= from) throw new Error(`${method} is broken`);
    original(...args);
  }) as typeof signal.addEventListener;
  return { signal, calls: () => calls };
}

describe("a fake signal whose methods throw", () => {
  it("should refuse the call typed and sending nothing when listening fails on the first attempt", async () => {
    const sandbox = createSandbox();
    const client = sdk(sandbox);
    const { signal, calls } = throwingSignal("addEventListener", 1);
    const out = await settle(client.assets.list({}, { signal }));
    const e = (out as { e: ValidationError }).e;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe("signal must be an AbortSignal: adding a listener failed (addEventListener is broken)");
    expect(e.issues).toEqual([{ path: "signal", message: e.message }]);
    expect(calls()).toBe(1);
    expect(sandbox.requests).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    // Nothing was left registered with the client: close() has no stale stopper to run (a stale one
    // reached the attempt's timer before it existed, and close() threw).
    expect(() => client.close()).not.toThrow();
    expect(client.transport.closed).toBe(true);
  });

  it("should refuse the call typed when listening fails while a key function runs", async () => {
    const sandbox = createSandbox();
    const client = sdk(sandbox, { apiKey: () => sandbox.keys.admin });
    const { signal } = throwingSignal("addEventListener", 1);
    const e = ((await settle(client.assets.list({}, { signal }))) as { e: unknown }).e;
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues?.[0]?.path).toBe("signal");
    expect(sandbox.requests).toHaveLength(0);
    expect(() => client.close()).not.toThrow();
  });

  it("should end typed, after one attempt, when listening fails for the backoff wait", async () => {
    const sandbox = createSandbox({ faults: { kind: "status", status: 503 } });
    const client = sdk(sandbox);
    // The attempt listens (call 1); the wait before the retry is the second listener.
    const { signal, calls } = throwingSignal("addEventListener", 2);
    const p = settle(client.assets.list({}, { signal }));
    await vi.runAllTimersAsync();
    const e = ((await p) as { e: unknown }).e;
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).message).toBe(
      "signal must be an AbortSignal: adding a listener failed (addEventListener is broken)",
    );
    expect(calls()).toBe(2);
    expect(sandbox.requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("should still settle with the call's own outcome when removing its listener fails", async () => {
    for (const fault of [undefined, { kind: "status", status: 404 }] as (SandboxFault | undefined)[]) {
      const sandbox = createSandbox(fault ? { faults: fault } : {});
      const { signal, calls } = throwingSignal("removeEventListener", 1);
      const p = settle(sdk(sandbox).assets.list({}, { signal }));
      await vi.runAllTimersAsync();
      const out = await p;
      if (fault) expect((out as { e: unknown }).e).toBeInstanceOf(NotFoundError);
      else expect(out.ok).toBe(true);
      expect(calls()).toBe(1);
      expect(sandbox.requests).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
    }
  });
});
