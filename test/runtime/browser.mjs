/**
 * Entry of the suite in Chromium: bundled for the browser (as an app's bundler would), loaded by a
 * page, and called by the runner through `window.runArmorSuite({ url, key })`.
 */
import { runSuite } from "./suite.mjs";

globalThis.runArmorSuite = runSuite;
document.title = "ready";
