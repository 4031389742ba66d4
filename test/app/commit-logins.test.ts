// Who wrote a commit, from GitHub's answer: resolved authors, the committer, and `Co-authored-by:`
// trailers with a GitHub noreply address (whether or not GitHub resolved them to a user).
import { commitLogins, type CommitNode } from "../../src/app/snapshot.js";

const node = (c: Partial<CommitNode["commit"]>): CommitNode => ({
  commit: { message: "Edit", committer: null, authors: { totalCount: 1, nodes: [{ user: { login: "octocat" } }] }, ...c },
});

test("authors, the committer and noreply trailers all count; unresolved authors and other addresses name nobody", () => {
  const message = [
    "Add a browser server",
    "",
    "Co-authored-by: Maya <4242+maya@users.noreply.github.com>",
    "co-authored-by: Rita <rita@users.noreply.ghe.example.com>",
    "Co-authored-by: Someone <someone@example.com>",
    "Signed-off-by: Wendy <1+wendy@users.noreply.github.com>",
  ].join("\n");
  const logins = commitLogins(node({ message, committer: { user: { login: "ada" } }, authors: { totalCount: 2, nodes: [{ user: { login: "octocat" } }, { user: null }] } }));
  expect(logins.sort()).toEqual(["ada", "maya", "octocat", "rita"]);
});

test("fewer authors listed than GitHub counted: it throws rather than leave one out", () => {
  expect(() => commitLogins(node({ authors: { totalCount: 101, nodes: Array.from({ length: 100 }, (_, i) => ({ user: { login: `u${i}` } })) } }))).toThrow(
    "a commit has 101 authors and only 100 could be read",
  );
});
