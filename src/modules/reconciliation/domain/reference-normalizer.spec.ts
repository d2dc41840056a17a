import { ReferenceNormalizer } from './reference-normalizer';

describe('ReferenceNormalizer', () => {
  it.each([
    'PO-2026000123',
    'po 2026000123',
    'PO#2026000123',
    '2026000123',
    'P.O. 002026000123',
    'PO No. 2026000123',
    'Purchase Order 2026000123',
    'Purchase Order No. 2026000123',
    'Purchase Order Number: 2026000123',
    'Our order no. 2026000123',
    'Bestellnummer 2026000123',
    'Bestell-Nr. 002026000123',
    'Bestellnummer № 2026000123',
  ])('reduces %s to 2026000123', (raw) => expect(ReferenceNormalizer.poNumber(raw)).toBe('2026000123'));

  // Label words go before the digits, or written apart from letters that begin the number.
  it.each([
    ['Order No. RE 5', 'RE5'],
    ['PO-ABC1', 'ABC1'],
    ['ORDERNORE5', 'ORDERNORE5'],
    ['Ordering 5', 'ORDERING5'],
    ['NO-NO-NO-X1', 'X1'],
    [`${'PONO'.repeat(9)}X1`, `${'PONO'.repeat(9)}X1`],
    [`${'PO'.repeat(21)}1`, `${'PO'.repeat(21)}1`],
  ])('reads the PO reference %s as %s', (raw, key) => expect(ReferenceNormalizer.poNumber(raw)).toBe(key));

  it.each([
    ['Invoice No. RE-0012', 'RE12'],
    ['Rechnung Nr. RÉ-0012', 'RE12'],
    ['Invoice ABC', 'INVOICEABC'],
  ])('reads the invoice number %s as %s', (raw, key) =>
    expect(ReferenceNormalizer.invoiceNumber(raw)).toBe(key),
  );

  it('keeps letters that are part of the reference (POLAND5) and zeros inside numbers', () => {
    expect(ReferenceNormalizer.poNumber('POLAND5')).toBe('POLAND5');
    expect(ReferenceNormalizer.poNumber('PO-2026-000120')).toBe('2026000120');
    expect(ReferenceNormalizer.poNumber('ABC-007')).toBe('ABC7');
  });

  it('meets INV-0012 and inv0012', () => {
    expect(ReferenceNormalizer.invoiceNumber('INV-0012')).toBe(ReferenceNormalizer.invoiceNumber('inv0012'));
    expect(ReferenceNormalizer.invoiceNumber('Invoice #12')).toBe('12');
    for (const labelled of ['Invoice No. 0012', 'Invoice Number 12', 'Rechnungsnummer 12', 'Rechnung Nr. 12'])
      expect(ReferenceNormalizer.invoiceNumber(labelled)).toBe('12');
  });

  it.each(['N/A', 'n/a', 'TBD', 'none', 'NULL', 'unknown', 'No PO', '-', '000'])(
    'reads the placeholder %s cited on an invoice as no reference',
    (raw) => expect(ReferenceNormalizer.citedPoNumber(raw)).toBe(''),
  );

  it('keeps a purchase order numbered like a placeholder (`0`, `TBD`) as its number', () => {
    expect(ReferenceNormalizer.poNumber('0')).toBe('0');
    expect(ReferenceNormalizer.poNumber('TBD')).toBe('TBD');
  });

  it('keeps references that only begin like a placeholder (NA5, Nada)', () => {
    expect(ReferenceNormalizer.citedPoNumber('NA5')).toBe('NA5');
    expect(ReferenceNormalizer.citedPoNumber('Nada')).toBe('NADA');
  });

  it('treats a missing reference as empty', () => {
    expect(ReferenceNormalizer.poNumber(null)).toBe('');
    expect(ReferenceNormalizer.sku(' w-100 ')).toBe('W100');
  });

  it('reads lower case, separators and several pieces alike', () => {
    expect(ReferenceNormalizer.poNumber('po-2026-000120')).toBe('2026000120');
    expect(ReferenceNormalizer.invoiceNumber('inv 0012')).toBe('12');
    expect(ReferenceNormalizer.invoiceNumber('RE-0000')).toBe('RE0');
    expect(ReferenceNormalizer.sku('car-8370')).toBe('CAR8370');
    expect(ReferenceNormalizer.poLineNumber('Line 02')).toBe('2');
  });

  it('reads full-width and accented forms as their letters and digits, and keeps other scripts', () => {
    expect(ReferenceNormalizer.poNumber('ＰＯ－０１２')).toBe('12');
    expect(ReferenceNormalizer.invoiceNumber('Ä-1')).toBe('A1');
    expect(ReferenceNormalizer.poNumber('Δ-12')).toBe('Δ12');
    expect(ReferenceNormalizer.poNumber('注文-7')).toBe('注文7');
    // Digits of every script are digits; marks of other scripts stay (ガ is not カ); invisible characters go.
    expect(ReferenceNormalizer.poNumber('PO-١٢٣')).toBe('123');
    expect(ReferenceNormalizer.poNumber('PO-१२३')).toBe('123');
    expect(ReferenceNormalizer.poNumber('PO-ガ1')).not.toBe(ReferenceNormalizer.poNumber('PO-カ1'));
    expect(ReferenceNormalizer.poNumber('PO-12\u200b3')).toBe('123');
    // Only letters and digits make a key: symbols alone make none.
    expect(ReferenceNormalizer.poNumber('— ※')).toBe('');
  });

  it('keeps plain line numbers as they are and strips the zeros of the others', () => {
    for (const [raw, key] of [
      ['1', '1'],
      ['12', '12'],
      ['0', '0'],
      ['007', '7'],
      ['1234567890', '1234567890'],
      ['ln 3', '3'],
      ['3a', '3A'],
    ])
      expect(ReferenceNormalizer.poLineNumber(raw)).toBe(key);
  });

  it('upper-cases text outside ASCII as JavaScript does', () => {
    expect(ReferenceNormalizer.sku('straße-1')).toBe('STRASSE1');
    // Nº (and №) is "No", a prefix like the ASCII one: `Nº 0042` is PO 42, as `No 0042` is.
    expect(ReferenceNormalizer.poNumber('Nº 0042')).toBe('42');
    expect(ReferenceNormalizer.poNumber('№ 0042')).toBe('42');
  });
});
