import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the suite's server lives: the binary under test and its (fresh) data directory. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PLANIFY_BINARY = process.env.PLANIFY_BINARY ?? path.join(ROOT, "build/debug/planify");
export const E2E_DATA_DIR = path.join(ROOT, "build/e2e-data");
