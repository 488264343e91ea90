/** Types of measure.mjs, for the TypeScript tests that import it. */
export declare const ROOT: string;
export declare const KB: number;
export interface SizeFixture {
  what: string;
  source: string;
  external?: string[];
}
export declare const SIZE_FIXTURES: Record<"lean" | "client" | "query" | "gate", SizeFixture>;
export interface Measured {
  minified: number;
  gzipped: number;
  code: string;
  inputs: Record<string, number>;
}
export declare function measureBundle(
  source: string,
  options?: { external?: string[]; packageDir?: string },
): Promise<Measured>;
export declare function measureFixtures(options?: {
  packageDir?: string;
}): Promise<Record<"lean" | "client" | "query" | "gate", Measured>>;
