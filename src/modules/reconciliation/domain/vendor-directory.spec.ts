import { VendorDirectory } from './vendor-directory';
import { normalizeTaxId, normalizeVendorName } from './vendor-name';

describe('vendor recognition', () => {
  const directory = new VendorDirectory();
  directory.register({ taxId: 'DE123456789', name: 'Acme Industrial Supplies GmbH' });
  directory.register({ taxId: 'FR987654321', name: 'Acme Logistics S.A.' });

  it('normalizes case, punctuation, accents, & and legal forms', () => {
    expect(normalizeVendorName('ACME Corp.')).toBe('acme');
    expect(normalizeVendorName('Acme Corporation')).toBe('acme');
    expect(normalizeVendorName('Société Générale S.A.')).toBe('societe generale');
    expect(normalizeVendorName('Smith & Sons Ltd')).toBe('smith and sons');
    expect(normalizeVendorName('Nordic Parts ApS')).toBe('nordic parts');
    expect(normalizeVendorName('Praha Tools s.r.o.')).toBe('praha tools');
    expect(normalizeVendorName('Duna Kft.')).toBe('duna');
  });

  it('keeps letters of every script, so names outside Latin are names, not one empty key', () => {
    // Legal forms are dropped in these scripts too: ООО, Α.Ε.
    expect(normalizeVendorName('Ωμέγα Α.Ε.')).toBe('ωμεγα');
    expect(normalizeVendorName('ООО «Ромашка»')).toBe('ромашка');
    expect(normalizeVendorName('株式会社トヨタ')).toBe('トヨタ');
    expect(normalizeVendorName('ＡＣＭＥ Ltd')).toBe('acme');
    expect(normalizeTaxId('ＤＥ １２３')).toBe('DE123');
    expect(normalizeTaxId('ΕΛ 123')).toBe('ΕΛ123');
    const world = new VendorDirectory();
    world.register({ name: 'Ωμέγα ΑΕ' });
    expect(world.resolve({ name: 'Ромашка ООО' }).resolution).toBe('unknown');
    expect(world.resolve({ name: 'ΩΜΈΓΑ ΑΕ' }).resolution).not.toBe('unknown');
    expect(world.resolve({ name: 'Ωμέγα' }).resolution).toBe('name');
    // Korean syllables, voiced kana and Devanagari vowel signs tell names apart; ß is ss; invisible characters go.
    expect(normalizeVendorName('대구상사')).not.toBe(normalizeVendorName('대우상사'));
    expect(normalizeVendorName('バンダイ')).not.toBe(normalizeVendorName('パンダイ'));
    expect(normalizeVendorName('टाटा मोटर्स')).not.toBe(normalizeVendorName('टीटी मोटर्स'));
    expect(normalizeVendorName('Großhandel Weiß GmbH')).toBe(normalizeVendorName('GROSSHANDEL WEISS GMBH'));
    expect(normalizeVendorName('北京\u200b公司')).toBe('北京公司');
    expect(normalizeTaxId('DE١٢٣')).toBe('DE123');
    world.register({ name: '대구상사' });
    expect(world.resolve({ name: '대우상사' }).resolution).toBe('unknown');
    // One character of a Chinese or Japanese name is a word: no typo is allowed there.
    world.register({ name: '北京公司' });
    expect(world.resolve({ name: '南京公司' }).resolution).toBe('unknown');
    expect(world.resolve({ name: '北京公司' }).resolution).toBe('name');
    // A Greek name one typo away is still recognised, as a Latin one is.
    expect(world.resolve({ name: 'Ωμέγγα ΑΕ' }).resolution).not.toBe('unknown');
  });

  it('sets aside the legal forms Chinese, Japanese and Korean names carry without a space', () => {
    for (const name of ['株式会社トヨタ', 'トヨタ株式会社', '(株)トヨタ', '㈱トヨタ', 'トヨタ ㈱'])
      expect(normalizeVendorName(name)).toBe('トヨタ');
    expect(normalizeVendorName('华为技术有限公司')).toBe('华为技术');
    expect(normalizeVendorName('华为技术股份有限公司')).toBe('华为技术');
    expect(normalizeVendorName('台積電有限責任公司')).toBe('台積電');
    expect(normalizeVendorName('삼성전자주식회사')).toBe('삼성전자');
    expect(normalizeVendorName('㈜삼성전자')).toBe('삼성전자');
    // A name that is a legal form alone stays a name; a form inside a name is part of it.
    expect(normalizeVendorName('株式会社')).toBe('株式会社');
    expect(normalizeVendorName('北京株式会社銀行')).toBe('北京株式会社銀行');
    const world = new VendorDirectory();
    world.register({ name: 'トヨタ株式会社' });
    expect(world.resolve({ name: '株式会社トヨタ' }).resolution).toBe('name');
    expect(world.resolve({ name: '株式会社ホンダ' }).resolution).toBe('unknown');
  });

  it('spells out Latin letters no decomposition takes apart: Æ, Œ, Ø, Ł, Đ, Þ', () => {
    expect(normalizeVendorName('Søren Ærø ApS')).toBe(normalizeVendorName('Soren Aero ApS'));
    expect(normalizeVendorName('Œuvres Lyonnaises SARL')).toBe('oeuvres lyonnaises');
    expect(normalizeVendorName('Łódź Dostawy')).toBe('lodz dostawy');
    expect(normalizeVendorName('Đurić d.o.o.')).toBe(normalizeVendorName('Duric d.o.o.'));
    expect(normalizeVendorName('Þór ehf')).toBe(normalizeVendorName('Thor ehf'));
    expect(normalizeTaxId('DK-ØRE 12')).toBe('DKORE12');
  });

  it('recognises by tax id first, whatever the name says', () => {
    expect(directory.resolve({ taxId: 'de-123.456.789', name: 'Totally different' })).toMatchObject({
      key: 'T:DE123456789',
      resolution: 'tax_id',
    });
  });

  it('recognises by normalized name without tax id', () => {
    expect(directory.resolve({ name: 'ACME INDUSTRIAL SUPPLIES' })).toMatchObject({
      key: 'T:DE123456789',
      resolution: 'name',
    });
  });

  it('recognises a name with one typo when a single vendor is that close', () => {
    expect(directory.resolve({ name: 'Acme Industrail Supplies' })).toMatchObject({
      key: 'T:DE123456789',
      resolution: 'similar_name',
    });
  });

  it('accepts at most two typos, even in a long name', () => {
    // "acme industrial supplies" has 24 characters: one typo per six would allow four.
    expect(directory.resolve({ name: 'Acme Industrail Suplies' })).toMatchObject({
      key: 'T:DE123456789',
      resolution: 'similar_name',
    });
    expect(directory.resolve({ name: 'Acme Industrail Suplise' }).resolution).toBe('unknown');
    expect(VendorDirectory.namesAgree('acme industrial supplies', 'acme industrail suplies')).toBe(true);
    expect(VendorDirectory.namesAgree('acme industrial supplies', 'acme industrail suplise')).toBe(false);
  });

  it('leaves an unknown vendor unknown', () => {
    expect(directory.resolve({ name: 'City Water Utility' }).resolution).toBe('unknown');
  });

  it('leaves a name as close to two vendors unknown', () => {
    const twins = new VendorDirectory();
    twins.register({ taxId: 'DE1', name: 'Northwind Logistics East' });
    twins.register({ taxId: 'DE2', name: 'Northwind Logistics West' });
    expect(twins.resolve({ name: 'Northwind Logistics Easst' }).key).toBe('T:DE1');
    // One letter from `East` and one from `West`.
    expect(twins.resolve({ name: 'Northwind Logistics Eest' }).resolution).toBe('unknown');
  });

  it('tells the same name with and without a tax id apart', () => {
    expect(directory.resolve({ taxId: 'FR987654321', name: 'Acme Industrial Supplies' })).toMatchObject({
      key: 'T:FR987654321',
      resolution: 'tax_id',
    });
    expect(directory.resolve({ name: 'Acme Industrial Supplies' })).toMatchObject({
      key: 'T:DE123456789',
      resolution: 'name',
    });
  });

  it('knows the confirmed bank account of the vendor just resolved', () => {
    const banked = new VendorDirectory();
    banked.registerProfile({ taxId: 'DE9', name: 'Globex', confirmedBankAccount: 'DE00 1111' });
    const vendor = banked.resolve({ name: 'Globex GmbH' });
    expect(banked.confirmedBankAccount(vendor.key)).toBe('DE00 1111');
    expect(banked.confirmedBankAccount('T:DE8')).toBeNull();
  });

  it('normalizes names outside ASCII like ASCII ones', () => {
    expect(normalizeVendorName('Ærø & Søn A/S')).toBe(normalizeVendorName('ÆRØ & SØN A/S'));
    expect(normalizeVendorName('The Co.')).toBe('the co');
    expect(normalizeVendorName('...')).toBe('');
  });

  it('merges a vendor known by name only with the first document naming it with a tax id', () => {
    const merged = new VendorDirectory();
    const profile = merged.register({ name: 'Initech AG' }, 'CH93 0076 2011 6238 5295 7');
    const fromPo = merged.register({ taxId: 'CHE-123.456.789', name: 'Initech' });
    expect(fromPo).toBe(profile);
    expect(merged.resolve({ name: 'Initech AG' }).key).toBe(profile);
    expect(merged.resolve({ taxId: 'CHE123456789', name: 'Something else' }).key).toBe(profile);
    expect(merged.confirmedBankAccount(profile)).toBe('CH93 0076 2011 6238 5295 7');
  });

  it('keeps a second tax id under the same name a vendor of its own', () => {
    const two = new VendorDirectory();
    const first = two.register({ name: 'Initech' });
    two.register({ taxId: 'CHE-123.456.789', name: 'Initech' });
    const other = two.register({ taxId: 'DE111111111', name: 'Initech' });
    expect(other).not.toBe(first);
    expect(two.resolve({ taxId: 'DE111111111', name: 'Initech' }).key).toBe(other);
  });

  it('no longer confirms a name-only entry’s bank account once two tax ids carry that name, in either order', () => {
    for (const taxIds of [
      ['CHE-1', 'DE9'],
      ['DE9', 'CHE-1'],
    ]) {
      const directory = new VendorDirectory();
      const profile = directory.register({ name: 'Initech' }, 'DE44 5001');
      const keys = taxIds.map((taxId) => directory.register({ taxId, name: 'Initech' }));
      expect(keys).toContain(profile);
      for (const key of keys) expect(directory.confirmedBankAccount(key)).toBeNull();
    }
  });

  it('confirms no bank account for a name two companies share, whichever order the vendor master lists them in', () => {
    const entries = ['bare', 'CHE-1', 'DE9'];
    const orders = entries.flatMap((first) =>
      entries
        .filter((entry) => entry !== first)
        .flatMap((second) => [[first, second, ...entries.filter((e) => e !== first && e !== second)]]),
    );
    expect(orders).toHaveLength(6);
    for (const order of orders) {
      const directory = new VendorDirectory();
      for (const entry of order)
        if (entry === 'bare') directory.register({ name: 'Initech' }, 'DE44 5001');
        else directory.register({ taxId: entry, name: 'Initech' });
      for (const sender of [
        { name: 'Initech' },
        { taxId: 'CHE-1', name: 'Initech' },
        { taxId: 'DE9', name: 'Initech' },
      ])
        expect([order.join(' '), directory.confirmedBankAccount(directory.resolve(sender).key)]).toEqual([
          order.join(' '),
          null,
        ]);
    }
  });

  it('takes a bare name that two companies share for neither, even the one a name-only entry merged into', () => {
    for (const taxIds of [
      ['CHE-1', 'DE9'],
      ['DE9', 'CHE-1'],
    ]) {
      const directory = new VendorDirectory();
      directory.register({ name: 'Initech' }, 'DE44 5001');
      const companies = taxIds.map((taxId) => directory.register({ taxId, name: 'Initech' }));
      const sender = directory.resolve({ name: 'Initech AG' });
      expect(sender.resolution).toBe('unknown');
      expect(companies).not.toContain(sender.key);
      // A purchase order naming only the name belongs to neither company either, but to that sender.
      const nameOnly = directory.register({ name: 'INITECH' });
      expect(companies).not.toContain(nameOnly);
      expect(directory.register({ name: 'Initech' })).toBe(nameOnly);
      expect(directory.resolve({ name: 'Initech' }).key).toBe(nameOnly);
    }
  });
});
