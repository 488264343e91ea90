/** The SDK's own version, sent as `User-Agent: anomalyarmor-ts/<VERSION>` outside browsers. */
export const VERSION = "0.1.0";
