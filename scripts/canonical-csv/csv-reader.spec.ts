import { csvText, parseCsv } from './csv-reader';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const { records } = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n1,2,3\r\n');
    expect(records.map((record) => record.values)).toEqual([
      { a: 'x, y', b: 'say "hi"', c: 'two\nlines' },
      { a: '1', b: '2', c: '3' },
    ]);
    expect(records[1].line).toBe(4);
  });

  it('ignores a byte order mark, blank lines and a missing final line break; keeps empty fields', () => {
    expect(parseCsv('\ufeffA, B\n\n1,\n').records.map((record) => record.values)).toEqual([
      { a: '1', b: '' },
    ]);
  });

  it('rejects rows with the wrong number of fields and unterminated quotes', () => {
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow('CSV line 2: 3 fields, the header has 2');
    expect(() => parseCsv('a\n"open\n')).toThrow('unterminated');
  });

  it('names the header columns, and refuses an empty file and a column named twice', () => {
    expect(parseCsv('a, B\n').columns).toEqual(['a', 'b']);
    expect(() => parseCsv('')).toThrow('no header row (the file is empty)');
    expect(() => parseCsv('\n\n')).toThrow('no header row');
    expect(() => parseCsv('currency,a,Currency\n1,2,3\n')).toThrow(
      'CSV line 1: column currency appears twice',
    );
  });
});

describe('parseCsv: what a spreadsheet or a hand edit leaves in a file', () => {
  it('refuses text after a closing quote, and allows spaces there', () => {
    expect(() => parseCsv('a,b\n"12"50,x\n')).toThrow('CSV line 2: text after the closing quote of a field');
    expect(() => parseCsv('a,b\n"two\nlines" steel,x\n')).toThrow('CSV line 3: text after the closing quote');
    expect(parseCsv('a,b\n"12" ,x\n').records[0].values).toEqual({ a: '12', b: 'x' });
  });

  it('ignores columns without a name and lines of white space only', () => {
    const table = parseCsv('a,b,,\n1,2,,\n   \n\t\n');
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.records.map((record) => record.values)).toEqual([{ a: '1', b: '2' }]);
  });
});

describe('csvText: a file read as UTF-8 only', () => {
  it('reads UTF-8, and refuses Latin-1 at its line and UTF-16 by name', () => {
    expect(csvText(Buffer.from('name\nMüller\n', 'utf8'))).toBe('name\nMüller\n');
    expect(() => csvText(Buffer.from('name\nok\nM\xfcller\n', 'latin1'))).toThrow(
      'CSV line 3: not UTF-8 text; save the file as UTF-8',
    );
    expect(() => csvText(Buffer.from('\ufeffname\n', 'utf16le'))).toThrow('the file is UTF-16');
  });
});
