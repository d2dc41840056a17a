import { rememberedFor } from './remembered-text';

describe('text remembered for a pure derivation', () => {
  it('derives each distinct text once and returns the kept value after', () => {
    const cache = new Map<string, string>();
    const derive = jest.fn((text: string) => text.toUpperCase());
    expect(rememberedFor(cache, 'po-1', derive)).toBe('PO-1');
    expect(rememberedFor(cache, 'po-1', derive)).toBe('PO-1');
    expect(rememberedFor(cache, 'po-2', derive)).toBe('PO-2');
    expect(derive).toHaveBeenCalledTimes(2);
  });

  it('starts again instead of growing past 50,000 texts, and still answers right', () => {
    const cache = new Map<string, number>();
    for (let i = 0; i < 50_000; i += 1) rememberedFor(cache, `sku-${i}`, (text) => text.length);
    expect(cache.size).toBe(50_000);
    expect(rememberedFor(cache, 'one more', (text) => text.length)).toBe(8);
    expect(cache.size).toBe(1);
    expect(rememberedFor(cache, 'sku-7', (text) => text.length)).toBe(5);
  });
});
