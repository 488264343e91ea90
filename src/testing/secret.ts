/** API key secrets: `<prefix>` plus 40 alphanumerics drawn from a seeded PRNG. */

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Makes a secret `<prefix><40 alphanumerics>`. */
export function makeSecret(rng: { int(min: number, max: number): number }, prefix: "aa_live_" | "aa_test_"): string {
  let out = prefix;
  for (let i = 0; i < 40; i++) out += ALNUM[rng.int(0, ALNUM.length - 1)];
  return out;
}
