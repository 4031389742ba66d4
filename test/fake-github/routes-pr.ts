// REST routes of the fake GitHub API around the pull-request conversation: the pull request itself,
// reactions to comments, a user's permission on the repository and team membership.
import { userIdOf } from "./graphql.js";
import { invalid, notFound, paginate, repoOf, route, type RouteContext } from "./routes.js";
import type { FakeRepo, PullRequest, Role } from "./repo.js";

const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];
/** `permission` folds `maintain` into `write` and `triage` into `read`; `role_name` keeps them. */
const PERMISSION: Record<Role, string> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read" };

const user = (login: string) => ({ login, id: userIdOf(login), node_id: `U_${userIdOf(login)}`, type: "User", site_admin: false });

/** A pull request as the REST API gives it; a fork's head names the fork's repository. */
function pullJson(c: RouteContext, repo: FakeRepo, pr: PullRequest) {
  const side = (ref: string, sha: string, where = { owner: repo.owner, name: repo.name }) => ({ label: `${where.owner}:${ref}`, ref, sha, repo: { name: where.name, full_name: `${where.owner}/${where.name}`, owner: { login: where.owner }, fork: where.name !== repo.name || where.owner !== repo.owner } });
  return {
    id: 500000 + pr.number,
    number: pr.number,
    state: pr.state,
    merged: false,
    draft: false,
    title: `Pull request ${pr.number}`,
    user: user(pr.author),
    head: side(pr.headRef, pr.headSha, pr.headRepo),
    base: side(pr.baseRef, pr.baseSha),
    html_url: `http://${c.url.host}/${repo.owner}/${repo.name}/pull/${pr.number}`,
  };
}

export const prRoutes = [
  route("GET /repos/:owner/:repo/pulls/:number", "read", (c) => {
    const repo = repoOf(c);
    const pr = repo?.pulls.get(Number(c.params.number));
    if (!repo || !pr) return notFound;
    return { status: 200, body: pullJson(c, repo, pr) };
  }),

  // Newest first, like GitHub's default (created, descending); `state` defaults to open.
  route("GET /repos/:owner/:repo/pulls", "read", (c) => {
    const repo = repoOf(c);
    if (!repo) return notFound;
    const state = c.query.state ?? "open";
    const pulls = [...repo.pulls.values()].filter((p) => state === "all" || p.state === state).sort((a, b) => b.number - a.number);
    return paginate(c, pulls.map((p) => pullJson(c, repo, p)));
  }),

  route("POST /repos/:owner/:repo/issues/comments/:id/reactions", "write", (c) => {
    if (!repoOf(c)) return notFound;
    const comment = c.fake.comments.find((x) => x.id === Number(c.params.id));
    if (!comment) return notFound;
    const content = c.body?.content;
    if (!REACTIONS.includes(content)) return invalid("Validation Failed", [{ resource: "Reaction", code: "invalid", field: "content" }]);
    const reaction = { id: c.fake.newId(), commentId: comment.id, content, byApp: true };
    c.fake.reactions.push(reaction);
    return { status: 201, body: { id: reaction.id, content, user: { login: `${c.fake.appSlug}[bot]`, type: "Bot" }, created_at: new Date().toISOString() } };
  }),

  route("GET /repos/:owner/:repo/collaborators/:user/permission", "read", (c) => {
    const login = decodeURIComponent(c.params.user!);
    const role = repoOf(c)?.collaborators.get(login.toLowerCase());
    // GitHub answers 404 for a user who is not a collaborator (and for a repository it cannot see).
    if (!role) return notFound;
    return { status: 200, body: { permission: PERMISSION[role], role_name: role, user: { ...user(login), role_name: role } } };
  }),

  route("GET /orgs/:org/teams/:slug/memberships/:user", "read", (c) => {
    const members = c.fake.teams.get(`${decodeURIComponent(c.params.org!)}/${decodeURIComponent(c.params.slug!)}`.toLowerCase());
    const login = decodeURIComponent(c.params.user!);
    if (!members?.has(login.toLowerCase())) return notFound;
    return { status: 200, body: { url: c.url.toString(), role: "member", state: "active" } };
  }),
];
