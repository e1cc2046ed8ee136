/** A Set that keeps at most `limit` values, forgetting the oldest first. */
export class BoundedSet<T> extends Set<T> {
  readonly #limit: number;

  constructor(limit: number) {
    super();
    this.#limit = limit;
  }

  override add(value: T): this {
    super.add(value);
    if (this.size > this.#limit) {
      const oldest = this.values().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return this;
  }
}
