import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionsMarkdown } from './permissions-table';

/** Cells of a Markdown table, so column padding (Prettier aligns tables) does not matter. */
function cells(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .filter((line) => !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('README permissions table', () => {
  it('is the policy table, exactly', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const match = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readme);
    // On failure, paste permissionsMarkdown() between the markers in README.md.
    expect(match).not.toBeNull();
    expect(cells(match?.[1] ?? '')).toEqual(cells(permissionsMarkdown()));
  });
});
