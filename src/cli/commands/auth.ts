/** `auth login | status | logout`: the key in `~/.armor/config.yaml`, shared with the Python CLI. */
import type { Command } from "commander";
import { AuthorizationError } from "../../core/errors";
import { clearConfig, maskKey, saveConfig } from "../config";
import { CliError, EXIT } from "../io";
import { leaf, makeApi, type Act } from "../program";

/** Registers the `auth` group. */
export function registerAuth(program: Command, act: Act): void {
  const auth = program.command("auth").description("log in, check and log out");

  leaf(auth, "login", "check an API key against the API and store it in ~/.armor/config.yaml (mode 0600)")
    .option("-k, --api-key <key>", "the API key (aa_live_… or aa_test_…); asked for, unechoed, when left out")
    .action(
      act(async ({ io, out, opts, settings }) => {
        let key = typeof opts.apiKey === "string" ? opts.apiKey : undefined;
        if (key === undefined) key = (await io.prompt("API key: ", true))?.trim();
        if (!key) throw new CliError("No API key given.", EXIT.usage, "NO_API_KEY");
        if (!key.startsWith("aa_live_") && !key.startsWith("aa_test_"))
          throw new CliError(
            "That is not an API key: keys start with aa_live_ or aa_test_.",
            EXIT.usage,
            "INVALID_KEY",
          );
        const s = await settings();
        const api = await makeApi(io, s, { apiKey: key, allowInsecureHttp: Boolean(opts.allowInsecureHttp) });
        try {
          await (await api.get("apiKeys")).usage();
        } catch (error) {
          // 403: the key authenticated but may not read key usage (a read-only key): it is good to store.
          if (!(error instanceof AuthorizationError)) throw error;
        } finally {
          api.close();
        }
        const file = await saveConfig(io.home, { api_key: key, api_url: s.apiUrl });
        if (out.json)
          out.document({ authenticated: true, api_key: maskKey(key), api_url: s.apiUrl, config_path: file });
        out.line(out.style.green("Logged in."));
        out.line(`Key saved to ${file}`);
      }),
    );

  leaf(auth, "status", "show the stored or ARMOR_API_KEY key (masked) and the API URL; exit 2 when none").action(
    act(async ({ out, settings }) => {
      const s = await settings();
      if (!s.apiKey) {
        if (out.json) out.document({ authenticated: false, api_key: null, api_url: s.apiUrl, source: null });
        else {
          out.err(out.errStyle.yellow("Not logged in."));
          out.err("Run 'anomalyarmor auth login', or set ARMOR_API_KEY.");
        }
        return EXIT.usage;
      }
      const masked = maskKey(s.apiKey);
      if (out.json) out.document({ authenticated: true, api_key: masked, api_url: s.apiUrl, source: s.keySource });
      out.line(out.style.green("Logged in"));
      out.fields([
        ["API key", `${masked}${s.keySource === "env" ? " (from ARMOR_API_KEY)" : ""}`],
        ["API URL", s.apiUrl],
      ]);
    }),
  );

  leaf(auth, "logout", "remove ~/.armor/config.yaml").action(
    act(async ({ io, out }) => {
      const file = await clearConfig(io.home);
      if (out.json) out.document({ logged_out: true, config_path: file });
      out.line(out.style.green("Logged out."));
    }),
  );
}
