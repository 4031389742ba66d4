// What the workflow rules' tests share, unit (test/rules) and corpus (test/corpus).

export const WF = ".github/workflows/agent.yml";

/** A small workflow; `job` is the body of one job named `work`. */
export const workflow = (on: string, job: string, top = "") => `name: t\non: ${on}\n${top}jobs:\n  work:\n    runs-on: ubuntu-latest\n${job}`;
/** The steps of a job that runs codex-action (pinned) with `prompt: review` and `withLines` more. */
export const codexJob = (withLines: string) =>
  `    steps:\n      - uses: openai/codex-action@0123456789abcdef0123456789abcdef01234567\n        with:\n          prompt: review\n${withLines}`;
