import { describe, expect, it } from 'vitest';
import { mergeImageAndTags } from './images.js';
import type { ImageInfo } from './model.js';

describe('mergeImageAndTags', () => {
  it('keeps a first-seen image’s tags in the given order', () => {
    expect(mergeImageAndTags([], { image: 'a', tags: ['stable', 'active'] })).toEqual([{ image: 'a', tags: ['stable', 'active'] }]);
  });
  it('merges a repeated image’s tags, deduplicated and byte-sorted (stable < Σ:baseline)', () => {
    const first: ImageInfo[] = [{ image: 'a', tags: ['Σ:baseline'] }];
    expect(mergeImageAndTags(first, { image: 'a', tags: ['stable'] })).toEqual([{ image: 'a', tags: ['stable', 'Σ:baseline'] }]);
    expect(mergeImageAndTags([{ image: 'a', tags: ['stable', 'canary'] }], { image: 'a', tags: ['canary'] })).toEqual([{ image: 'a', tags: ['canary', 'stable'] }]);
  });
  it('sorts the list by image string', () => {
    const out = mergeImageAndTags([{ image: 'b:2', tags: [] }], { image: 'a:1', tags: [] });
    expect(out.map((i) => i.image)).toEqual(['a:1', 'b:2']);
  });
});
