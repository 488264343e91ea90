/** Intelligence: the AI knowledge base built per asset, and questions answered from it. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { dflt, flag, opt, req, serialize, text, type Fields } from "../core/params";
import { bool, int, maybe, model, num, openEnum, str, withDefault } from "../core/schemas";

/** Schema of {@link IntelligenceSourceInfo}. */
export const IntelligenceSourceInfoSchema = model({
  asset_id: int,
  asset_name: str,
  domain: maybe(str),
  generated_at: maybe(str),
  token_count: withDefault(int, 0),
  was_regenerated: withDefault(bool, false),
});
/** One asset whose intelligence informed an answer. */
export interface IntelligenceSourceInfo {
  /** Numeric id of the asset. */
  asset_id: number;
  /** Display name of the asset. */
  asset_name: string;
  /** Knowledge domain the source belongs to. */
  domain?: string | null | undefined;
  /** When it was generated (ISO-8601). */
  generated_at?: string | null | undefined;
  /** Tokens of that source used. `0` when the server omits it. */
  token_count: number;
  /** Whether the source was rebuilt for this answer. `false` when the server omits it. */
  was_regenerated: boolean;
}

/** Schema of {@link TokenUsage}. */
export const TokenUsageSchema = model({
  tokens_in: withDefault(int, 0),
  tokens_out: withDefault(int, 0),
  tokens_total: withDefault(int, 0),
  cost_usd: withDefault(num, 0),
});
/** Tokens and cost of one answer. */
export interface TokenUsage {
  /** Prompt tokens. `0` when the server omits it. */
  tokens_in: number;
  /** Answer tokens. `0` when the server omits it. */
  tokens_out: number;
  /** All tokens. `0` when the server omits it. */
  tokens_total: number;
  /** Cost in US dollars. `0` when the server omits it. */
  cost_usd: number;
}

/** Schema of {@link IntelligenceAnswer}. */
export const IntelligenceAnswerSchema = model({
  question: maybe(str),
  answer: str,
  confidence: withDefault(openEnum(["high", "medium", "low"]), "medium"),
  sources: withDefault(v.union([str, v.array(IntelligenceSourceInfoSchema)]), []),
  token_usage: withDefault(TokenUsageSchema, { tokens_in: 0, tokens_out: 0, tokens_total: 0, cost_usd: 0 }),
});
/**
 * An answer from the knowledge base. `sources` is the seed's description string or the 0.2.x list of
 * source objects, whichever the server sends.
 */
export interface IntelligenceAnswer {
  /** The question, echoed back. */
  question?: string | null | undefined;
  /** The answer, in words. */
  answer: string;
  /** `high`, `medium` or `low`. `medium` when the server omits it. */
  confidence: "high" | "medium" | "low" | (string & {});
  /** The seed's description of the sources, or the 0.2.x list of them. Empty when the server omits it. */
  sources: string | IntelligenceSourceInfo[];
  /** Tokens and cost of the answer. `cost_usd: 0 }` when the server omits it. */
  token_usage: TokenUsage;
}

/** Schema of {@link IntelligenceGenerateResult}. */
export const IntelligenceGenerateResultSchema = model({
  job_id: str,
  asset_id: str,
  status: withDefault(str, "started"),
  message: withDefault(str, "Intelligence generation started"),
});
/** A started intelligence job (it builds the knowledge base); poll it with `jobs.status`. */
export interface IntelligenceGenerateResult {
  /** Id of the job; poll it with `jobs.status`. */
  job_id: string;
  /** Asset whose knowledge base is being built. */
  asset_id: string;
  /** State of the job when it was started. `started` when the server omits it. */
  status: string;
  /** Human-readable message. `Intelligence generation started` when the server omits it. */
  message: string;
}

// The server counts characters as Python does (code points), so an emoji is one, not two.
const question = v.pipe(
  v.string(),
  v.check((s) => [...s].length >= 3 && [...s].length <= 2000, "question must be 3–2000 characters"),
);

/** Params of `intelligence.ask`. */
export interface IntelligenceAskParams {
  /** Asset to ask about (UUID or qualified name); sent as `asset_id`. */
  asset: string;
  /** The question, 3–2000 characters. */
  question: string;
  /** Also draw on related assets' intelligence. @default false */
  include_related_assets?: boolean;
}
const askFields = {
  asset: req(text, "asset_id"),
  question: req(question),
  include_related_assets: dflt(flag, false),
} satisfies Fields<IntelligenceAskParams>;

/** Params of `intelligence.generate`. */
export interface IntelligenceGenerateParams {
  /** Asset to analyse (UUID, short UUID or name); sent as `asset_id`. */
  asset: string;
  /** Comma-separated schema names to include; all when absent (sent as `null`). */
  include_schemas?: string | null;
  /** Rebuild even when intelligence exists. @default false */
  force_refresh?: boolean;
}
const generateFields = {
  asset: req(text, "asset_id"),
  include_schemas: opt(v.string(), "null"),
  force_refresh: dflt(flag, false),
} satisfies Fields<IntelligenceGenerateParams>;

/** `client.intelligence`: questions answered from each asset's AI knowledge base. */
export class IntelligenceResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Asks a question about an asset's data. `POST /sdk/intelligence/ask`
   * @param params - asset, question and whether to include related assets
   * @returns the answer, its confidence and sources
   * @throws ValidationError on bad params (nothing is sent), or with code `INTELLIGENCE_NOT_GENERATED`
   *   when the asset has no intelligence yet; NotFoundError when the asset does not exist
   */
  async ask(params: IntelligenceAskParams, options?: RequestOptions): Promise<IntelligenceAnswer> {
    const body = serialize("intelligence.ask", askFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/intelligence/ask", body, schema: IntelligenceAnswerSchema },
      options,
    );
  }

  /**
   * Starts building an asset's knowledge base (an async job). `POST /sdk/intelligence/generate`
   * @param params - asset, schemas to include, whether to rebuild
   * @returns the job; poll it with `jobs.status`
   * @throws ValidationError on bad params (nothing is sent), or with code `SCHEMA_NOT_DISCOVERED` before
   *   discovery has run; AuthorizationError without read-write scope
   */
  async generate(params: IntelligenceGenerateParams, options?: RequestOptions): Promise<IntelligenceGenerateResult> {
    const body = serialize("intelligence.generate", generateFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/intelligence/generate", body, schema: IntelligenceGenerateResultSchema },
      options,
    );
  }
}
