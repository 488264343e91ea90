/**
 * Response bodies: read under a byte cap beneath ofetch, then parsed by one strict JSON reader that ofetch
 * is given as its `parseResponse`.
 */

/** A body that is not JSON, kept as text (an HTML gateway page, a proxy's plain-text error). */
export class NotJson {
  /** The body as received. (Declared, not a field: a field would add its own line to every bundle.) */
  declare readonly text: string;

  /**
   * @param text - the body as received
   */
  constructor(text: string) {
    this.text = text;
  }
}

/**
 * The SDK's JSON reader: `""` (or only whitespace) is `undefined`, invalid JSON is a {@link NotJson}
 * (never a throw, never a console line), and `__proto__` keys are dropped wherever they occur, however
 * they are spelled (`"\u005f_proto__"` is the same key).
 * @param text - the body text
 */
export function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return new NotJson(text);
  }
  // A key that reads `__proto__` has "proto" in its text or spells a letter with a `\u` escape; most
  // bodies have neither. Both probes start with a character rare in JSON, so they run at memchr speed:
  // a probe for '"__proto__"' (a quote first) cost a fifth of JSON.parse on a list, a reviver five times it.
  return text.includes("proto") || text.includes("\\u") ? dropProtoKeys(value) : value;
}

/** Deletes every own `__proto__` key in a parsed JSON value; a loop, not recursion, for deep nesting. */
function dropProtoKeys(root: unknown): unknown {
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== "object") continue;
    // Arrays too: their keys are indices, never "__proto__".
    for (const key of Object.keys(node)) {
      if (key === "__proto__") delete (node as Record<string, unknown>)[key];
      else pending.push((node as Record<string, unknown>)[key]);
    }
  }
  return root;
}

/**
 * Reads a body as UTF-8 text, at most `maxBytes` bytes of it as the stream delivers them (decompressed).
 * Stops reading, and cancels the stream, at the first chunk past the cap.
 * @returns the text, or `undefined` when the body is longer than `maxBytes`
 */
export async function readText(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<string | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!ArrayBuffer.isView(value)) throw new TypeError("The response body is not a stream of bytes");
    size += value.byteLength;
    if (size > maxBytes) {
      // Cancelling may itself fail on a broken stream; what matters is that nothing more is read.
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  // Decoded once, whole: Node's fast UTF-8 decoder serves only non-streaming calls (decoding chunk by
  // chunk with { stream: true } took a fifth of a 100-item list call), and a Blob's text() is slower still.
  // One chunk (most bodies; none is an empty body) is decoded as it came: copying it cost an eighth of
  // a small call.
  if (chunks.length > 1) {
    const all = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.byteLength;
    }
    chunks[0] = all;
  }
  return new TextDecoder().decode(chunks[0]);
}
