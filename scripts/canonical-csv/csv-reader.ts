/** One data row of a CSV file, by header name, with its line number for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

/** A CSV file: the column names of its header row and its data rows. */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly records: CsvRecord[];
}

/**
 * Parses RFC 4180 CSV: comma separated, fields optionally in double quotes, `""` inside quotes for
 * a quote, line breaks allowed inside quotes, CRLF or LF line ends. The first row names the columns
 * (trimmed, lower-cased; each name once); a UTF-8 byte order mark is ignored. A file without a
 * header row is refused: an empty export is a mistake, not a file without documents.
 */
export function parseCsv(text: string): CsvTable {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): void => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    rowLine = line;
  };
  for (; i < text.length; i += 1) {
    const character = text[i];
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        if (character === '\n') line += 1;
        field += character;
      }
    } else if (character === '"' && field === '') {
      quoted = true;
    } else if (character === ',') {
      fields.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      endRow();
    } else {
      field += character;
    }
  }
  if (quoted) throw new Error(`CSV: unterminated quoted field starting on line ${rowLine}`);
  if (field !== '' || fields.length > 0) endRow();
  const [header, ...data] = rows;
  if (!header) throw new Error('CSV: no header row (the file is empty)');
  const names = header.fields.map((name) => name.trim().toLowerCase());
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index)
      throw new Error(`CSV line ${header.line}: column ${name} appears twice`);
  });
  const records = data.map((row) => {
    if (row.fields.length !== names.length) {
      throw new Error(`CSV line ${row.line}: ${row.fields.length} fields, the header has ${names.length}`);
    }
    const values: Record<string, string> = {};
    names.forEach((name, index) => {
      values[name] = row.fields[index];
    });
    return { line: row.line, values };
  });
  return { columns: names, records };
}
