/**
 * Bounded memory: what reading a hostile body costs, with the default `maxResponseBytes` and with the cap
 * lifted (`Infinity`, which reads as the transport did before it had a cap). A loopback HTTP server in
 * this process sends a 50 MB JSON body, an endless body and a gzip bomb (1 GiB of zeros, ≈ 1 MB on the
 * wire, decompressed by the runtime's fetch); a fresh node process per case makes one `assets.get`
 * through the built package and reports its outcome, its time and its peak memory above the level
 * before the call (RSS and V8 heap, sampled every 5 ms).
 * Run alone: `npm run build && node bench/memory.mjs` (prints JSON); `npm run bench` includes it.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { createGzip } from "node:zlib";
import { entryFile, preparePackage } from "./lib/pkg.mjs";

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** 1 GiB of zeros, gzipped once (level 9): about a megabyte. */
async function gzipBomb(size = 1024 * MB) {
  const gzip = createGzip({ level: 9 });
  const out = [];
  gzip.on("data", (c) => out.push(c));
  const done = new Promise((resolve) => gzip.on("end", resolve));
  const zeros = Buffer.alloc(MB);
  for (let sent = 0; sent < size; sent += zeros.length) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once("drain", resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

const BODIES = {
  "50 MB body": (res) => {
    // A valid JSON envelope whose description alone is 50 MB: only its size is wrong.
    const head = Buffer.from('{"data":{"id":"a1","qualified_name":"x","name":"x","description":"');
    const tail = Buffer.from('"}}');
    res.writeHead(200, { "content-type": "application/json", "content-length": head.length + 50 * MB + tail.length });
    res.write(head);
    let left = 50 * MB;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, CHUNK.length);
        left -= n;
        if (!res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) return void res.once("drain", pump);
      }
      res.end(tail);
    };
    pump();
  },
  "endless body": (res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"data":{"description":"');
    const pump = () => {
      while (!res.destroyed) if (!res.write(CHUNK)) return void res.once("drain", pump);
    };
    res.on("close", () => res.destroy());
    pump();
  },
  "gzip bomb (1 GiB)": (res, bomb) => {
    res.writeHead(200, {
      "content-type": "application/json",
      "content-encoding": "gzip",
      "content-length": bomb.length,
    });
    res.end(bomb);
  },
};

/** The child: one call, its outcome, time and peak memory above the level before the call. */
const CHILD = `
const { Client } = await import(process.env.ENTRY);
const cap = process.env.CAP === "Infinity" ? Infinity : undefined;
const client = new Client({ apiKey: "aa_live_bench0000000000000000000000000000", apiUrl: process.env.API_URL, maxRetries: 0, timeout: Number(process.env.TIMEOUT), maxResponseBytes: cap });
globalThis.gc?.();
const base = process.memoryUsage();
let rss = base.rss, heap = base.heapUsed;
const sample = () => { const m = process.memoryUsage(); rss = Math.max(rss, m.rss); heap = Math.max(heap, m.heapUsed); };
const timer = setInterval(sample, 5);
const t = performance.now();
let outcome;
try { await client.assets.get("a1"); outcome = "resolved"; }
catch (e) { outcome = e.name + (e.code ? " " + e.code : ""); }
sample(); clearInterval(timer);
process.stdout.write(JSON.stringify({ outcome, ms: Math.round(performance.now() - t), rssMB: +((rss - base.rss) / ${MB}).toFixed(1), heapMB: +((heap - base.heapUsed) / ${MB}).toFixed(1) }));
`;

export async function measureMemory({ log = () => {}, timeout = 15_000 } = {}) {
  const bomb = await gzipBomb();
  const server = createServer((req, res) => {
    const body = BODIES[decodeURIComponent(req.headers["x-case"] ?? "")];
    if (body) body(res, bomb);
    else res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = server.address().port;
  const rows = [];
  try {
    for (const name of Object.keys(BODIES)) {
      for (const cap of ["default", "Infinity"]) {
        log(`memory: ${name}, cap ${cap}`);
        // The case travels as a header the client sends on every request.
        const code = CHILD.replace(
          "apiUrl: process.env.API_URL,",
          `apiUrl: process.env.API_URL, headers: { "x-case": ${JSON.stringify(encodeURIComponent(name))} },`,
        );
        const r = await new Promise((resolve) => {
          // spawnSync would block this process, and with it the server the child talks to.
          {
            const child = spawn(process.execPath, ["--expose-gc", "--input-type=module", "-e", code], {
              env: {
                ...process.env,
                ENTRY: pathToFileURL(entryFile("anomalyarmor")).href,
                API_URL: `http://127.0.0.1:${port}/api/v1`,
                CAP: cap,
                TIMEOUT: String(timeout),
              },
            });
            let out = "";
            let err = "";
            child.stdout.on("data", (c) => (out += c));
            child.stderr.on("data", (c) => (err += c));
            child.on("close", (status) => resolve({ status, out, err }));
          }
        });
        if (r.status !== 0) throw new Error(`memory child failed: ${r.err}`);
        rows.push({
          body: name,
          cap: cap === "default" ? "default (16 MiB)" : "Infinity (no cap)",
          ...JSON.parse(r.out),
        });
      }
    }
  } finally {
    server.close();
    server.closeAllConnections?.();
  }
  return { timeoutMs: timeout, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  preparePackage({ build: !process.argv.includes("--no-build"), log: (m) => process.stderr.write(`${m}\n`) });
  console.log(JSON.stringify(await measureMemory({ log: (m) => process.stderr.write(`${m}\n`) }), null, 2));
}
