/**
 * The config file `~/.armor/config.yaml`, shared with the Python CLI: the same keys (`api_key`,
 * `api_url`, `timeout` in seconds, `retry_attempts`), the same YAML, mode 0600, so that a login with
 * either CLI serves both. Environment variables override the file.
 */
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CliError, EXIT } from "./io";

/** Production API, used when neither flag, environment nor file names one. */
export const DEFAULT_API_URL = "https://app.anomalyarmor.ai/api/v1";

/** What the file may hold. */
export interface StoredConfig {
  /** The API key (secret). */
  api_key?: string | undefined;
  /** The API base URL, stored only when not the default. */
  api_url?: string | undefined;
  /** Seconds per request. */
  timeout?: number | undefined;
  /** Retries after a failed attempt. */
  retry_attempts?: number | undefined;
}

/** Where the config file lives under `home`. */
export function configPath(home: string): string {
  return path.join(home, ".armor", "config.yaml");
}

const isMissing = (error: unknown) => (error as { code?: unknown } | null)?.code === "ENOENT";

/** Reads the config file; an absent file is an empty config. */
export async function readConfig(home: string): Promise<StoredConfig> {
  const file = configPath(home);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isMissing(error)) return {};
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, EXIT.other, "CONFIG_UNREADABLE");
  }
  // yaml loads only when there is a file to read: a run configured by the environment does without it.
  const { parse } = await import("yaml");
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    // The parser's message may quote the line, and the line may hold the key.
    throw new CliError(`${file} is not valid YAML`, EXIT.other, "CONFIG_INVALID");
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data))
    throw new CliError(`${file} must hold a mapping of settings`, EXIT.other, "CONFIG_INVALID");
  const record = data as Record<string, unknown>;
  const text_ = (key: string) => {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw new CliError(`${key} in ${file} must be text`, EXIT.other, "CONFIG_INVALID");
    return value;
  };
  const count = (key: string) => {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    const n = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new CliError(`${key} in ${file} must be a non-negative number`, EXIT.other, "CONFIG_INVALID");
    return n;
  };
  return {
    api_key: text_("api_key"),
    api_url: text_("api_url"),
    timeout: count("timeout"),
    retry_attempts: count("retry_attempts"),
  };
}

/**
 * Writes the key (and the URL when it is not the default), readable by the owner only. Like the
 * Python CLI, nothing else is kept: a login replaces the file.
 */
export async function saveConfig(home: string, config: { api_key: string; api_url: string }): Promise<string> {
  const file = configPath(home);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const data: StoredConfig = { api_key: config.api_key };
  if (config.api_url !== DEFAULT_API_URL) data.api_url = config.api_url;
  // Remove first, so that an existing file with looser permissions is not reused; mode applies on create.
  await rm(file, { force: true });
  const { stringify } = await import("yaml");
  await writeFile(file, stringify(data), { encoding: "utf8", mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

/** Removes the config file (no error when there is none). */
export async function clearConfig(home: string): Promise<string> {
  const file = configPath(home);
  await rm(file, { force: true });
  return file;
}

/** Settings from flags, environment, file and defaults, in that order of precedence. */
export interface Settings {
  /** The key, when one is known. */
  apiKey: string | undefined;
  /** Where the key came from. */
  keySource: "env" | "file" | undefined;
  /** The API base URL. */
  apiUrl: string;
  /** Seconds per request attempt. */
  timeoutSeconds: number;
  /** Retries, when set by the environment or the file. */
  retries: number | undefined;
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);

function numberSetting(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < 0)
    throw new CliError(`${name} must be a non-negative number, got '${raw}'`, EXIT.usage, "USAGE");
  return n;
}

/** Resolves the settings a command runs with. */
export async function resolveSettings(
  env: Record<string, string | undefined>,
  home: string,
  flags: { apiUrl?: string | undefined; timeout?: number | undefined },
): Promise<Settings> {
  const file = await readConfig(home);
  const envKey = nonEmpty(env.ARMOR_API_KEY);
  const apiKey = envKey ?? nonEmpty(file.api_key);
  return {
    apiKey,
    keySource: envKey ? "env" : apiKey ? "file" : undefined,
    apiUrl: flags.apiUrl ?? nonEmpty(env.ARMOR_API_URL) ?? nonEmpty(file.api_url) ?? DEFAULT_API_URL,
    timeoutSeconds: flags.timeout ?? numberSetting(nonEmpty(env.ARMOR_TIMEOUT), "ARMOR_TIMEOUT") ?? file.timeout ?? 30,
    retries: numberSetting(nonEmpty(env.ARMOR_RETRY_ATTEMPTS), "ARMOR_RETRY_ATTEMPTS") ?? file.retry_attempts,
  };
}

/** A key as `auth status` shows it: its `aa_live_` / `aa_test_` prefix and its last four characters. */
export function maskKey(key: string): string {
  const prefix = /^aa_[a-z]+_/.exec(key)?.[0] ?? "";
  return key.length <= prefix.length + 8 ? `${prefix}...` : `${prefix}...${key.slice(-4)}`;
}
