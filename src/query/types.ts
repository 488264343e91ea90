/** Types shared across the query layer: what it needs of a client, and what it reads off resource methods. */
import type { Client, ResourceName } from "../client";
import type { Method } from "./tables";

export type { ResourceName };

/**
 * What the query layer needs of a client: its transport's `scope` (never the key) and its resources.
 * A `Client` is one; so is any object of the same shape.
 */
export type ArmorClient = { readonly transport: { readonly scope: string } } & {
  readonly [R in ResourceName]: Client[R];
};

/** A resource seen as its methods by name: how the code walking the tables calls the method an entry names. */
export type Methods = Readonly<Record<string, (...args: unknown[]) => unknown>>;

/**
 * The resource `resource` of `client`, as its methods by name (the tables' types are what check that
 * each entry names a method of that resource, with the arguments its entry says).
 * @param client - the client the query layer was given
 * @param resource - a resource name, from one of the tables
 */
export function methodsOf(client: ArmorClient, resource: string): Methods {
  return Reflect.get(client, resource) as Methods;
}

/** The resolved value of `client[R][M](…)`. */
export type DataOf<R extends ResourceName, M extends PropertyKey> = Awaited<ReturnType<Method<R, M>>>;

/** One item of the list `client[R][M](…)` resolves to. */
export type ItemOf<R extends ResourceName, M extends PropertyKey> =
  DataOf<R, M> extends readonly (infer T)[] ? T : never;

/** The params object of `client[R][M]`, at argument position `I`, without `undefined`. */
export type ParamsOf<R extends ResourceName, M extends PropertyKey, I extends number> = Exclude<
  Parameters<Method<R, M>>[I],
  undefined
>;

/** The params of an infinite query over `client[R][M]`: the list's params without `offset` (pages start at 0). */
export type PageParamsOf<R extends ResourceName, M extends PropertyKey, I extends number> = Omit<
  ParamsOf<R, M, I>,
  "offset"
>;

/**
 * One page of an infinite query: the items of one `offset`/`limit` request and whether another page
 * follows (false after a short page or where the server said `has_more: false`). Plain JSON, so it
 * dehydrates and persists like every model.
 */
export interface ArmorPage<T> {
  /** The items of this page. */
  items: T[];
  /** The offset this page was read at. */
  offset: number;
  /** Whether a next page exists. */
  has_more: boolean;
}

/**
 * What `mutate()` takes for the params of `client[R][M]` at position `I`: the params object, or
 * nothing at all where the method's params are optional.
 */
export type VariablesOf<R extends ResourceName, M extends PropertyKey, I extends number> = undefined extends Parameters<
  Method<R, M>
>[I]
  ? ParamsOf<R, M, I> | void
  : ParamsOf<R, M, I>;
