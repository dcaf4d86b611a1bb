/**
 * Fault switches for the emulator: what a flaky network or a struggling Emzano would do.
 * Each rule applies to requests whose path contains `path` (all when empty), `times` times
 * (for ever when absent).
 */

export type FaultRule =
  | { kind: 'latency'; ms: number; path?: string; times?: number }
  | { kind: 'error'; code?: number; status?: number; path?: string; times?: number }
  | { kind: 'drop'; path?: string; times?: number };

export class FaultSwitches {
  private rules: FaultRule[] = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule }));
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The rules that fire for this path, consuming one use of each. */
  take(path: string): FaultRule[] {
    const fired: FaultRule[] = [];
    for (const rule of this.rules) {
      if (rule.path && !path.includes(rule.path)) continue;
      if (rule.times !== undefined) {
        if (rule.times <= 0) continue;
        rule.times--;
      }
      fired.push(rule);
    }
    this.rules = this.rules.filter((rule) => rule.times === undefined || rule.times > 0);
    return fired;
  }
}

export function parseFaultRules(value: unknown): FaultRule[] | undefined {
  const rules = typeof value === 'object' && value !== null && 'rules' in value ? (value as { rules: unknown }).rules : value;
  if (!Array.isArray(rules)) return undefined;
  const parsed: FaultRule[] = [];
  for (const rule of rules as unknown[]) {
    if (typeof rule !== 'object' || rule === null) return undefined;
    const { kind } = rule as { kind?: unknown };
    if (kind !== 'latency' && kind !== 'error' && kind !== 'drop') return undefined;
    parsed.push(rule as FaultRule);
  }
  return parsed;
}
