// Disjoint sets over keys (threads into units, addresses into people, series into versions).
// `union(a, b)` keeps a's root: callers that name a set by its root get the first key they joined.
// Keys are numbered once and the forest is an Int32Array: a first index unions ~70,000 links, and a
// Map from key to parent key cost more than reading the mail they came from.
export class UnionFind<K> {
  private index = new Map<K, number>();
  private list: K[] = [];
  private parent = new Int32Array(1024);

  has(k: K): boolean {
    return this.index.has(k);
  }

  private slot(k: K): number {
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(k, i);
      this.list.push(k);
      if (i >= this.parent.length) {
        const grown = new Int32Array(this.parent.length * 2);
        grown.set(this.parent);
        this.parent = grown;
      }
      this.parent[i] = i;
    }
    return i;
  }

  private root(i: number): number {
    const p = this.parent;
    let r = i;
    while (p[r] !== r) r = p[r];
    while (p[i] !== r) {
      const next = p[i];
      p[i] = r;
      i = next;
    }
    return r;
  }

  add(k: K): void {
    this.slot(k);
  }

  /** The root of k's set (k is added when new), compressing the path on the way. */
  find(k: K): K {
    return this.list[this.root(this.slot(k))];
  }

  /** Join the sets of a and b; false when they were one already. */
  union(a: K, b: K): boolean {
    const ra = this.root(this.slot(a));
    const rb = this.root(this.slot(b));
    if (ra === rb) return false;
    this.parent[rb] = ra;
    return true;
  }

  keys(): IterableIterator<K> {
    return this.list.values();
  }
}
