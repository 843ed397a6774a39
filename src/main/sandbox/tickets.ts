import { randomBytes } from 'node:crypto'
import type { TokenClaims } from './tokens'

interface Ticket {
  claims: TokenClaims
  expiresAt: number
  singleUse: boolean
  used: boolean
}

/** WebSocket tickets (PROTOCOL.md §2 method 3): short-lived, optionally single-use stand-ins for a JWT. */
export class TicketStore {
  private readonly tickets = new Map<string, Ticket>()

  /** Issue a ticket for a verified token's claims. */
  issue(
    claims: TokenClaims,
    ttlSeconds: number,
    singleUse: boolean
  ): { ticketId: string; createdAt: number; expiresAt: number } {
    this.sweep()
    const ticketId = `tkt_${randomBytes(16).toString('base64url')}`
    const createdAt = Date.now()
    const expiresAt = createdAt + ttlSeconds * 1000
    this.tickets.set(ticketId, { claims, expiresAt, singleUse, used: false })
    return { ticketId, createdAt, expiresAt }
  }

  /** Redeem a ticket: its claims, or why it is refused. Single-use tickets are spent here. */
  redeem(ticketId: string): { ok: true; claims: TokenClaims } | { ok: false; reason: string } {
    const ticket = this.tickets.get(ticketId)
    if (!ticket) return { ok: false, reason: 'Invalid ticket' }
    if (ticket.expiresAt <= Date.now()) return { ok: false, reason: 'Ticket expired' }
    if (ticket.singleUse && ticket.used) return { ok: false, reason: 'Ticket already used' }
    ticket.used = true
    return { ok: true, claims: ticket.claims }
  }

  private sweep(): void {
    const now = Date.now()
    for (const [id, ticket] of this.tickets) if (ticket.expiresAt <= now) this.tickets.delete(id)
  }
}
