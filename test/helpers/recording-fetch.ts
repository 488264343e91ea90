/**
 * A `fetch` stand-in for the remote API that records every request it receives and answers through
 * `handler`, given the request and its 1-based number. The transport's own code is never replaced: this
 * only plays the server.
 */
export function recordingFetch(handler: (req: Request, n: number) => Response | Promise<Response>) {
  const seen: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    seen.push(req);
    return handler(req, seen.length);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}
