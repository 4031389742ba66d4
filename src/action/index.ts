// Entry point of the bundled GitHub Action (action/dist/index.mjs): run, then exit with its code.
// Anything unexpected still fails the job, with the reason on the log.
import { main } from "./main.js";
import { workflowCommand } from "./workflow.js";

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stdout.write(workflowCommand("error", { title: "Capability review failed" }, `unexpected error: ${e instanceof Error ? e.message : String(e)}`) + "\n");
    process.exitCode = 1;
  },
);
