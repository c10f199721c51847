/**
 * Wakes this process's waiting subscriptions when an append commits through the same store
 * object, so they do not wait for their next poll. Appends by other processes are found by polling.
 */
export class AppendNotifier {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` once, at the next append; the returned function cancels that. */
  once(listener: () => void): () => void {
    const wrapped = (): void => {
      this.listeners.delete(wrapped);
      listener();
    };
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
