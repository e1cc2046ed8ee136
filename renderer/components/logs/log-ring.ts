// The page's bound on a log: at most `cap` rows, in a circular array. New rows
// push the oldest out (counted, so the view can say lines were dropped); older
// rows loaded by scrolling up fill only the room left, so they never push out
// the newest. Each row keeps a sequence number, so a search answered for an
// earlier state still finds its rows after some were dropped.

export interface Sequenced {
  seq: number;
}

export class LogRing<T> {
  readonly cap: number;
  readonly #items: (T & Sequenced)[];
  #start = 0;
  #length = 0;
  #nextSeq = 0;
  #firstSeq = 0;
  /** Rows pushed out at the front since the last clear. */
  dropped = 0;

  constructor(cap: number) {
    this.cap = Math.max(1, cap);
    this.#items = new Array<T & Sequenced>(this.cap);
  }

  get length(): number {
    return this.#length;
  }

  get full(): boolean {
    return this.#length === this.cap;
  }

  at(index: number): (T & Sequenced) | undefined {
    if (index < 0 || index >= this.#length) return undefined;
    return this.#items[(this.#start + index) % this.cap];
  }

  /** The row index of a sequence number, or -1 once that row is gone. */
  indexOfSeq(seq: number): number {
    const index = seq - this.#firstSeq;
    return index >= 0 && index < this.#length ? index : -1;
  }

  /** Appends newer rows; the oldest make room. */
  push(rows: readonly T[]): void {
    for (const row of rows) {
      const item = { ...row, seq: this.#nextSeq++ };
      if (this.#length === 0) this.#firstSeq = item.seq;
      if (this.#length < this.cap) {
        this.#items[(this.#start + this.#length) % this.cap] = item;
        this.#length++;
      } else {
        this.#items[this.#start] = item;
        this.#start = (this.#start + 1) % this.cap;
        this.#firstSeq++;
        this.dropped++;
      }
    }
  }

  /**
   * Prepends older rows (oldest first), as many of the newest of them as fit;
   * answers how many were taken.
   */
  unshift(rows: readonly T[]): number {
    const take = Math.min(rows.length, this.cap - this.#length);
    if (this.#length === 0) this.#nextSeq = this.#firstSeq = 0;
    for (let i = rows.length - 1; i >= rows.length - take; i--) {
      this.#start = (this.#start - 1 + this.cap) % this.cap;
      this.#items[this.#start] = { ...rows[i]!, seq: --this.#firstSeq };
      this.#length++;
      if (this.#length === 1) this.#nextSeq = this.#firstSeq + 1;
    }
    return take;
  }

  clear(): void {
    this.#start = this.#length = this.dropped = 0;
    this.#nextSeq = this.#firstSeq = 0;
  }

  toArray(): (T & Sequenced)[] {
    return Array.from({ length: this.#length }, (_, i) => this.at(i)!);
  }
}
