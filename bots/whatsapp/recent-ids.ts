/**
 * Remembers the last N message ids (a Set in insertion order, oldest evicted),
 * so a redelivered WhatsApp message is dropped before anything is downloaded.
 * Shared by the QR pilot and the Cloud API channel.
 */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max: number) {}
  /** True when the id was new (and is now remembered). */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
  /** Forgets an id whose message was refused (storage down), so Meta's redelivery is taken. */
  forget(id: string): void {
    this.ids.delete(id);
  }
}
