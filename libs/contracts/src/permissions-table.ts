import { PERMISSIONS, cellOf } from './permissions';
import { ROLES } from './roles';

/** The policy table as Markdown, for README.md (a test keeps the two identical): scope · view. */
export function permissionsMarkdown(): string {
  const header = `| permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = PERMISSIONS.map((permission) => {
    const cells = ROLES.map((role) => {
      const cell = cellOf(role, permission);
      return cell ? `${cell.scope} · ${cell.view}` : '—';
    });
    return `| \`${permission}\` | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
