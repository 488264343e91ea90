/**
 * Public hooks: ofetch's four interceptors, given to ofetch as they are, each wrapped so that what it reads
 * is a credential-free view of the attempt and what it throws fails the call with `HOOK_FAILED`.
 */
import { NotJson } from "./body";
import { ArmorError } from "./errors";
import { describeError, redactCause, redactText, redactValue } from "./redact";

/** A response as hooks see it: headers redacted, `_data` the parsed (redacted) body. */
export type ArmorHookResponse = Response & {
  /** The body as parsed (JSON, else its text), with the key redacted. */
  _data?: unknown;
};

/** What every hook receives, once per attempt. */
export interface ArmorHookContext {
  /** The full URL of the attempt: base URL, path and query. */
  request: string;
  /** The request's method, and its headers: a hook may add to them, and what it adds is sent. */
  options: { method: string; headers: Headers };
  /** The response, for `onResponse` and `onResponseError`. */
  response?: ArmorHookResponse | undefined;
  /** Why no response came, for `onRequestError` (network failure, timeout, abort, `maxResponseBytes`). */
  error?: unknown;
  /** The attempt's number, from 1. */
  attempt: number;
}

/** One hook: may be async; throwing fails the call with `HOOK_FAILED`, not retried. */
export type ArmorHook = (context: ArmorHookContext) => void | Promise<void>;

/** The hooks of a client or of one call; the client's run before the call's. */
export interface ArmorHooks {
  /** Before each attempt is sent (the key is added beneath, after every hook). */
  onRequest?: ArmorHook | ArmorHook[] | undefined;
  /** After each response is received and its body read, whatever its status. */
  onResponse?: ArmorHook | ArmorHook[] | undefined;
  /** When an attempt gets no response: network failure, timeout, abort, or a body past `maxResponseBytes`. */
  onRequestError?: ArmorHook | ArmorHook[] | undefined;
  /** After `onResponse`, for a response whose status is not 2xx. */
  onResponseError?: ArmorHook | ArmorHook[] | undefined;
}

/** The hook names, in the order ofetch runs them. */
export const HOOK_NAMES = ["onRequest", "onResponse", "onRequestError", "onResponseError"] as const;

/** Whether `options` holds any hook. */
export function hasHooks(options: ArmorHooks): boolean {
  return HOOK_NAMES.some((name) => options[name] !== undefined);
}

/** The part of ofetch's context a wrapper reads. */
interface FetchContext {
  request: unknown;
  /** ofetch's options; `method` is always set, since the transport gives one. */
  options: { method: string; headers: Headers };
  response?: (Response & { _data?: unknown }) | undefined;
  error?: unknown;
}

/** What ofetch is given: one array of wrapped hooks per name that has any. */
export type OfetchHooks = Partial<Record<(typeof HOOK_NAMES)[number], ((context: FetchContext) => Promise<void>)[]>>;

/** The state of a call that its hooks read: the attempt in progress and the key to redact. */
export interface HookState {
  attempt: number;
  key: string;
}

/**
 * Turns the client's and the call's hooks into ofetch's, client's first.
 * @returns `undefined` when neither has any hook (the common case costs nothing)
 */
export function wrapHooks(
  client: ArmorHooks | undefined,
  call: ArmorHooks | undefined,
  state: HookState,
): OfetchHooks | undefined {
  let out: OfetchHooks | undefined;
  // One view per response, shared by every hook that reads it.
  const views = new WeakMap<object, ArmorHookResponse>();
  for (const name of HOOK_NAMES) {
    const list = [client?.[name] ?? [], call?.[name] ?? []].flat();
    if (list.length === 0) continue;
    out ??= {};
    out[name] = list.map((hook) => async (context: FetchContext) => {
      try {
        await hook(view(context, state, views));
      } catch (error) {
        throw new ArmorError(`The ${name} hook failed: ${describeError(error, state.key)}`, {
          code: "HOOK_FAILED",
          cause: redactCause(error, state.key),
        });
      }
    });
  }
  return out;
}

function view(context: FetchContext, state: HookState, views: WeakMap<object, ArmorHookResponse>): ArmorHookContext {
  const out: ArmorHookContext = {
    request: String(context.request),
    // A new object: ofetch's own options hold what the transport passes beneath it (the key among it).
    options: { method: context.options.method, headers: context.options.headers },
    attempt: state.attempt,
  };
  const response = context.response;
  if (response) {
    let shown = views.get(response);
    if (!shown) {
      shown = redactResponse(response, state.key);
      views.set(response, shown);
    }
    out.response = shown;
  }
  if (context.error !== undefined) out.error = redactCause(context.error, state.key);
  return out;
}

/** A copy of the response with redacted headers and `_data`; its body is already read. */
function redactResponse(response: Response & { _data?: unknown }, key: string): ArmorHookResponse {
  const headers = new Headers();
  response.headers.forEach((value, name) => headers.append(name, redactText(value, key)));
  // The Response constructor accepts statuses 200 to 599 only; an opaque redirect (0) is shown as it is.
  const copy: ArmorHookResponse =
    response.status >= 200 && response.status <= 599
      ? new Response(null, { status: response.status, statusText: response.statusText, headers })
      : response;
  const data = response._data;
  copy._data = data instanceof NotJson ? redactText(data.text, key) : redactValue(data, key);
  return copy;
}
