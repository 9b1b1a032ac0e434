/**
 * A small RFC 4180 reader for the report files: strips the UTF-8 BOM, honours quotes (with ""
 * inside) and the delimiter, and returns the lines as arrays of fields ([] for an empty line).
 */
export function parseCsv(text: string, delimiter: ',' | ';'): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const lines: string[][] = [];
  let line: string[] = [];
  let field = '';
  let quoted = false;
  let touched = false; // the current line has a field, even an empty one
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === delimiter) {
      line.push(field);
      field = '';
      touched = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      lines.push(touched || field !== '' ? [...line, field] : []);
      line = [];
      field = '';
      touched = false;
    } else {
      field += ch;
      touched = true;
    }
  }
  if (touched || field !== '' || line.length > 0) lines.push([...line, field]);
  return lines;
}

/** The report CSV as blocks: title → [heading, ...rows]. */
export function csvTables(lines: string[][]): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  let block: string[][] = [];
  const flush = () => {
    const [title, ...rest] = block;
    if (title) tables.set(title[0], rest);
    block = [];
  };
  for (const line of lines) {
    if (line.length === 0) flush();
    else block.push(line);
  }
  flush();
  return tables;
}
