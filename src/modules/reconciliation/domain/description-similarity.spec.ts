import { descriptionSimilarity, descriptionWords, sharedDescriptionWords } from './description-similarity';

describe('description words and similarity', () => {
  it('keeps the words that name the item: no months, years, filler words or repeats', () => {
    expect(descriptionWords('Consulting day 3 - October 2026')).toEqual(['consulting', 'day', '3']);
    expect(descriptionWords('The cost of the Steel-Bolts M8 (steel, 2000 pcs) for 1999/20')).toEqual([
      'cost',
      'steel',
      'bolts',
      'm8',
      'pcs',
      '20',
    ]);
    expect(descriptionWords('  ')).toEqual([]);
  });

  it('shares one list of words among the lines with the same description', () => {
    const first = sharedDescriptionWords('Consulting day 3 - October');
    expect(first).toEqual(descriptionWords('Consulting day 3 - October'));
    expect(sharedDescriptionWords(`Consulting day ${3} - October`)).toBe(first);
    expect(sharedDescriptionWords('Consulting day 4 - October')).toEqual(['consulting', 'day', '4']);
  });

  it('treats letters outside a-z as separators after lower-casing', () => {
    expect(descriptionWords('Café crème')).toEqual(['caf', 'cr', 'me']);
  });

  it('finds a shorter description contained in a longer one, and halves it when the numbers differ', () => {
    const day3 = descriptionWords('Consulting day 3');
    expect(descriptionSimilarity(descriptionWords('Consulting day 3 - on site, October'), day3)).toBeCloseTo(
      0.9,
    );
    expect(descriptionSimilarity(descriptionWords('Consulting day 4'), day3)).toBeLessThan(0.5);
  });
});
