import { exponentialMs } from '../../domain/backoff.js';
import { PlaidApiError, ruleFor } from './errors.js';

interface Circuit {
  failures: number;
  openUntil: number;
  /** Consecutive times it opened: each doubles the wait, up to the cap. */
  opened: number;
  trialInFlight: boolean;
}

export interface CircuitOptions {
  /** Consecutive outage failures, across all items of the institution, that open its circuit. */
  threshold?: number;
  cooldownMs?: number;
  maxCooldownMs?: number;
  now?: () => number;
}

/**
 * One circuit per institution (quality.md): once a bank has failed `threshold` calls in a row,
 * its items' calls fail at once, as "institution down", instead of each waiting for Plaid's
 * timeout and piling retries onto an outage. After the cool-down one trial call goes through:
 * success closes the circuit, failure opens it again for twice as long.
 */
export class InstitutionCircuits {
  private readonly circuits = new Map<string, Circuit>();
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly maxCooldownMs: number;
  private readonly now: () => number;

  constructor(options: CircuitOptions = {}) {
    this.threshold = options.threshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.maxCooldownMs = options.maxCooldownMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Throws "institution down" without calling Plaid while the institution's circuit is open. */
  admit(institutionId: string): void {
    const circuit = this.circuits.get(institutionId);
    if (!circuit || circuit.failures < this.threshold) return;
    if (this.now() < circuit.openUntil || circuit.trialInFlight) {
      throw new PlaidApiError('INSTITUTION_NOT_RESPONDING', 0, 'INSTITUTION_ERROR', 'institution circuit open: call not attempted');
    }
    circuit.trialInFlight = true;
  }

  record(institutionId: string, error: PlaidApiError | null): void {
    const circuit = this.circuits.get(institutionId);
    // Only failures that say the institution itself is unwell count (not Plaid, not the person's login).
    if (!error || !ruleFor(error.code).outage) {
      // Anything but an outage means the bank answered: the circuit closes.
      if (circuit) this.circuits.delete(institutionId);
      return;
    }
    const next = circuit ?? { failures: 0, openUntil: 0, opened: 0, trialInFlight: false };
    next.failures++;
    next.trialInFlight = false;
    // Calls already under way when it opened do not stretch the wait; a failed trial does.
    if (next.failures >= this.threshold && this.now() >= next.openUntil) {
      next.openUntil = this.now() + exponentialMs(next.opened, this.cooldownMs, this.maxCooldownMs);
      next.opened++;
    }
    this.circuits.set(institutionId, next);
  }

  isOpen(institutionId: string): boolean {
    const circuit = this.circuits.get(institutionId);
    return circuit !== undefined && circuit.failures >= this.threshold && this.now() < circuit.openUntil;
  }
}
