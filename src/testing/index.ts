/**
 * Entry `anomalyarmor/testing`: a stateful, in-memory AnomalyArmor API for tests, demos and local
 * development, behind one web-standard request handler.
 *
 * @module anomalyarmor/testing
 */
export { createSandbox, SANDBOX_URL } from "./sandbox";
export type { ColumnInput, Sandbox, SandboxAdmin, SandboxKeys, SandboxOptions, SandboxRequest } from "./sandbox";
export type {
  ContentTypeFault,
  DropFault,
  FaultPhase,
  FaultTarget,
  HangFault,
  HtmlFault,
  LatencyFault,
  RateLimitFault,
  SandboxFault,
  SandboxFaultKind,
  SandboxFaultRecord,
  StatusFault,
  TruncateFault,
} from "./faults";
export type { SandboxLike } from "./forward";
export type { ClockAdvance, SandboxClock } from "./clock";
export type { Column, Row } from "./state";
