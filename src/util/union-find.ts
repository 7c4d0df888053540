// Disjoint sets over keys (threads into units, addresses into people, series into versions).
// `union(a, b)` keeps a's root: callers that name a set by its root get the first key they joined.
export class UnionFind<K> {
  private parent = new Map<K, K>();

  has(k: K): boolean {
    return this.parent.has(k);
  }

  add(k: K): void {
    if (!this.parent.has(k)) this.parent.set(k, k);
  }

  /** The root of k's set (k is added when new), compressing the path on the way. */
  find(k: K): K {
    this.add(k);
    let r = k;
    for (let p = this.parent.get(r)!; p !== r; p = this.parent.get(r)!) r = p;
    for (let c = k; c !== r; ) {
      const next = this.parent.get(c)!;
      this.parent.set(c, r);
      c = next;
    }
    return r;
  }

  /** Join the sets of a and b; false when they were one already. */
  union(a: K, b: K): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent.set(rb, ra);
    return true;
  }

  keys(): IterableIterator<K> {
    return this.parent.keys();
  }
}
