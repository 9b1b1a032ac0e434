import { PERMISSIONS, POLICY } from './permissions';
import { ROLES } from './roles';

/** The policy table as Markdown, for README.md (a test keeps the two identical). */
export function permissionsMarkdown(): string {
  const header = `| permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = PERMISSIONS.map((permission) => {
    const grants: Partial<Record<string, string>> = POLICY[permission];
    return `| \`${permission}\` | ${ROLES.map((role) => grants[role] ?? '—').join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
