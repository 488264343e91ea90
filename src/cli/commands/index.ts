/** Every command group, registered on the program. */
import type { Command } from "commander";
import type { Act } from "../program";
import { registerAlerts } from "./alerts";
import { registerAuth } from "./auth";
import { registerCatalog } from "./catalog";
import { registerInsight } from "./insight";
import { registerQuality } from "./quality";
import { registerTools } from "./tools";

/** Registers the Python CLI's fifteen groups, then `demo` and `sandbox`. */
export function registerAll(program: Command, act: Act): void {
  registerAuth(program, act);
  registerCatalog(program, act);
  registerAlerts(program, act);
  registerInsight(program, act);
  registerQuality(program, act);
  registerTools(program, act);
}
