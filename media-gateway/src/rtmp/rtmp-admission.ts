/**
 * How many RTMP connections may sit unauthenticated (handshake, `connect`, not yet `publish`) at once, in all and
 * per client address. An accepted publisher no longer counts. Village cameras behind one NAT share an address, so
 * the per-address cap must allow a few reconnecting at once; a flood from one address (or many) hits a cap and its
 * surplus is closed before any session state is built for it.
 */
export class RtmpAdmission {
  private readonly perAddress = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: { maxPending: number; maxPendingPerAddress: number }) {}

  /** Takes a pending slot for `ip`; false when a cap is reached (the caller closes the connection). */
  admit(ip: string): boolean {
    const mine = this.perAddress.get(ip) ?? 0;
    if (this.total >= this.limits.maxPending || mine >= this.limits.maxPendingPerAddress) return false;
    this.perAddress.set(ip, mine + 1);
    this.total++;
    return true;
  }

  /** Gives back the slot taken by `admit` (once per admitted connection: when it is accepted or closes first). */
  release(ip: string): void {
    const mine = this.perAddress.get(ip) ?? 0;
    if (mine <= 0) return;
    if (mine === 1) this.perAddress.delete(ip);
    else this.perAddress.set(ip, mine - 1);
    this.total--;
  }

  get pending(): number {
    return this.total;
  }

  /** Addresses holding a slot (bounded by `maxPending`: an address without a slot is not kept). */
  get addresses(): number {
    return this.perAddress.size;
  }
}
