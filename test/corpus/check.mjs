// Runs before the corpus suite: a missing corpus is one clear line and a failing exit, not 80 ENOENTs.
import { existsSync, statSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = process.env.CAPABILITY_REVIEW_CORPUS ? resolve(process.env.CAPABILITY_REVIEW_CORPUS) : join(root, "..", "shared", "corpus");
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error(`test:corpus: no corpus folder at ${dir} (set CAPABILITY_REVIEW_CORPUS to the folder of real files)`);
  process.exit(1);
}
