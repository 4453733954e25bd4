import { LruMap } from './lru-map';

describe('LruMap', () => {
  it('never holds more than its bound, evicting the least recently used entry', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect([...map.keys()].sort()).toEqual(['a', 'c']);
    expect(map.size).toBe(2);
  });

  it('treats overwriting a key as a use, not a new entry', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    map.set('c', 3);
    expect(map.get('a')).toBe(10);
    expect(map.has('b')).toBe(false);
  });
});
