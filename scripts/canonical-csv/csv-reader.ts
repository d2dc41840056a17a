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
 * a quote, line breaks allowed inside quotes, CRLF or LF line ends. Text after a closing quote is
 * refused (`"12"50` is no number anyone wrote on purpose). The first row names the columns (trimmed,
 * lower-cased; each name once; columns without a name, as spreadsheets leave after the last one, are
 * ignored); a UTF-8 byte order mark is ignored, and so are lines that are blank or white space only.
 * A file without a header row is refused: an empty export is a mistake, not a file without documents.
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
    if (fields.length > 1 || fields[0].trim() !== '') rows.push({ line: rowLine, fields });
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
        // Spaces may follow the closing quote; anything else but the end of the field is refused.
        while (text[i + 1] === ' ' || text[i + 1] === '\t') i += 1;
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
          throw new Error(
            `CSV line ${line}: text after the closing quote of a field (a quote inside quotes is written "")`,
          );
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
    if (name !== '' && names.indexOf(name) !== index)
      throw new Error(`CSV line ${header.line}: column ${name} appears twice`);
  });
  const records = data.map((row) => {
    if (row.fields.length !== names.length) {
      throw new Error(`CSV line ${row.line}: ${row.fields.length} fields, the header has ${names.length}`);
    }
    const values: Record<string, string> = {};
    names.forEach((name, index) => {
      if (name !== '') values[name] = row.fields[index];
    });
    return { line: row.line, values };
  });
  return { columns: names.filter((name) => name !== ''), records };
}

/**
 * A file's bytes as text: UTF-8 only. Bytes that are not UTF-8 (a Latin-1 or Windows-1252 export)
 * are refused rather than read as `M�ller`, and a UTF-16 file is named as such.
 */
export function csvText(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new Error('CSV: the file is UTF-16; save it as UTF-8 (CSV UTF-8 in a spreadsheet)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`CSV line ${lineOfFirstInvalidByte(bytes)}: not UTF-8 text; save the file as UTF-8`);
  }
}

/** The line holding the first byte sequence that is not UTF-8. */
function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line += 1;
    start = i + 1;
  }
  return line;
}
