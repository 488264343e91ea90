import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import { createSandbox } from "../../src/testing/sandbox";
import { sandboxHandlers } from "../../src/testing/msw";
import { serveSandbox, type SandboxServer } from "../../src/testing/server";
import { everyMethod, everything, recording } from "./every-method";

describe("every SDK method against the sandbox", () => {
  it("should answer every method in-process through sandbox.fetch", async () => {
    const sandbox = createSandbox({ seed: 7 });
    const { client, called } = recording(
      new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch }),
    );
    await everything(client, sandbox);
    expect([...called].sort()).toEqual(everyMethod(client));
    expect(sandbox.requests.every((r) => r.status < 500)).toBe(true);
  });

  describe("over loopback HTTP", () => {
    let server: SandboxServer;
    const sandbox = createSandbox({ seed: 7 });
    beforeAll(async () => {
      server = await serveSandbox(sandbox);
    });
    afterAll(() => server.close());
    it("should answer every method through serveSandbox", async () => {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
      const { client, called } = recording(new Client({ apiKey: sandbox.keys.admin, apiUrl: server.url }));
      await everything(client, sandbox);
      expect([...called].sort()).toEqual(everyMethod(client));
    });
  });

  describe("through msw setupServer", () => {
    const sandbox = createSandbox({ seed: 7 });
    const base = "https://app.anomalyarmor.ai/api/v1";
    const msw = setupServer(...sandboxHandlers(sandbox, base));
    beforeAll(() => msw.listen({ onUnhandledFrame: "error" }));
    afterAll(() => msw.close());
    it("should answer every method at the production URL", async () => {
      const { client, called } = recording(new Client({ apiKey: sandbox.keys.admin, apiUrl: base }));
      await everything(client, sandbox);
      expect([...called].sort()).toEqual(everyMethod(client));
      expect(sandbox.requests.length).toBeGreaterThan(100);
    });
  });
});
