/** Opt-in diagnostics. Every line is redacted before it reaches the logger. */
import { redactText } from "./redact";

/** How much the SDK logs. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Anything with the four console methods. */
export interface Logger {
  /** Request and response lines (keys redacted); only at `logLevel: "debug"`. */
  debug(message: string, ...rest: unknown[]): void;
  /** Retries and their waits. */
  info(message: string, ...rest: unknown[]): void;
  /** Something the caller should look at, though the call went on. */
  warn(message: string, ...rest: unknown[]): void;
  /** A failure the SDK reports beside the error it throws. */
  error(message: string, ...rest: unknown[]): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** A level-filtered, redacting log function. */
export type Log = (level: Exclude<LogLevel, "off">, message: string) => void;

/**
 * Builds the SDK's log function.
 * @param level - the threshold
 * @param logger - the sink (default `console`)
 * @param secret - returns the current key, so that it can be redacted
 */
export function createLog(level: LogLevel, logger: Logger | undefined, secret: () => string | undefined): Log {
  const threshold = RANK[level];
  return (at, message) => {
    if (RANK[at] > threshold) return;
    const sink = logger ?? globalThis.console;
    try {
      sink?.[at]?.(`[anomalyarmor] ${redactText(message, secret())}`);
    } catch {
      // A logger that fails must not fail the call it reports on.
    }
  };
}

/** Whether `value` names a log level. */
export function isLogLevel(value: unknown): value is LogLevel {
  // Own keys only: "toString" is in every object.
  return typeof value === "string" && Object.hasOwn(RANK, value);
}
