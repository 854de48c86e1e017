import { describe, expect, it } from 'vitest';
import { pageParam } from '@/lib/validation/paging';

describe('pageParam', () => {
  it('reads the page asked for', () => {
    expect(pageParam('3', 532, 100)).toBe(3);
    expect(pageParam(['2', '5'], 532, 100)).toBe(2);
  });

  it('clamps past the last page to the last, and reads anything malformed as page 1', () => {
    expect(pageParam('99', 532, 100)).toBe(6);
    for (const bad of [undefined, '', '0', '-1', '1.5', 'two', '1e400', '<script>']) expect(pageParam(bad, 532, 100)).toBe(1);
    expect(pageParam('4', 0, 100)).toBe(1);
  });
});
