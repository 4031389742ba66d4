// What the skill rules' tests share, unit (test/rules) and corpus (test/corpus).

export const P = ".claude/skills/release/SKILL.md";
/** A SKILL.md text: front matter `front`, then `body`. */
export const skill = (front: string, body = "Collect merged pull requests and write the notes.\n") => `---\n${front}\n---\n\n${body}`;
export const base = skill("name: release-notes\ndescription: Draft release notes.\nallowed-tools: Read, Bash(git log:*)");
