import { registerCodes, type RegisterCode } from '../vocabulary/index.js';
import { text, type Parsed } from './values.js';

/*
 * Which of Ofsted's registers a provider is on. The CSV files say it twice: as a combination
 * ("ALL", "EYR only", "EYR-CCR", "EYR, CCR, VCR") and, in some years, as a Y/N flag per register.
 * The combination is the answer; a flag that says otherwise is reported, never added to it.
 */

const COMBINATION_HELP = 'ALL, a register and “only” like “CCR only”, or registers joined like “EYR-CCR” or “EYR, CCR, VCR”';

/** "ALL", "CCR only", "EYR-CCR", "EYR, CCR, VCR" → the registers, in EYR, CCR, VCR order; anything else is an error. */
export function parseRegisterCombination(value: string | undefined | null): Parsed<RegisterCode[] | null> {
  const v = text(value);
  if (!v) return { value: null };
  const upper = v.toUpperCase();
  if (upper === 'ALL') return { value: [...registerCodes] };
  const words = upper.replace(/\s+ONLY$/, '').split(/\s*[-,&+/]\s*|\s+AND\s+|\s+/);
  const found = new Set<RegisterCode>();
  for (const word of words) {
    const code = registerCodes.find((r) => r === word);
    if (!code || found.has(code)) return { error: `“${v}” is not a register combination (${COMBINATION_HELP})` };
    found.add(code);
  }
  // "only" belongs to one register: "EYR-CCR only" is not one of Ofsted's combinations
  if (/\sONLY$/.test(upper) && found.size !== 1) return { error: `“${v}” is not a register combination (${COMBINATION_HELP})` };
  return { value: registerCodes.filter((r) => found.has(r)) };
}

/** A register flag: Y or N (Yes, No); blank when the file does not say. */
export function parseRegisterFlag(value: string | undefined | null): Parsed<boolean | null> {
  const v = text(value);
  if (!v) return { value: null };
  const upper = v.toUpperCase();
  if (upper === 'Y' || upper === 'YES') return { value: true };
  if (upper === 'N' || upper === 'NO') return { value: false };
  return { error: `“${v}” is not a register flag (Y or N)` };
}

export type RegisterFlags = Partial<Record<RegisterCode, boolean | null>>;

export interface Registers {
  registers: RegisterCode[];
  /** flags that say otherwise than the combination (empty when there is no combination to contradict) */
  contradicting: RegisterCode[];
}

/**
 * The registers from the combination; without one (a file or a row that has none), from the flags
 * that say Y. A flag contradicts the combination when it says Y for a register the combination
 * leaves out, or N for one it names.
 */
export function registersOf(combination: readonly RegisterCode[] | null, flags: RegisterFlags): Registers {
  if (combination === null) return { registers: registerCodes.filter((r) => flags[r] === true), contradicting: [] };
  const contradicting = registerCodes.filter((r) => {
    const flag = flags[r];
    return flag !== undefined && flag !== null && flag !== combination.includes(r);
  });
  return { registers: [...combination], contradicting };
}
