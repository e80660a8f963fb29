/*
 * Abbreviations settings meet in what the LA sends them (issue 17.17). Where one is used, its first
 * use on a page or in an e-mail says what it means — "Early Years Register (EYR)" — and later uses
 * may be the short form. `explainFirst` adds the meaning where the text does not give it.
 */
export const abbreviations: Readonly<Record<string, string>> = {
  SAWR: 'safeguarding and welfare requirements',
  FF2: 'funded places for two-year-olds',
  EYR: 'Early Years Register',
  CCR: 'compulsory Childcare Register',
  VCR: 'voluntary Childcare Register',
  FEEE: 'free early education entitlement',
  PSOU: 'Parental Statement of Understanding',
  EYFS: 'Early Years Foundation Stage',
  SIA: 'Senior Improvement Adviser',
  SSTEW: 'Sustained Shared Thinking and Emotional Well-being',
  SENCo: 'special educational needs co-ordinator',
};

const word = (abbr: string) => new RegExp(`(?<![\\w-])${abbr}(?![\\w-])`);

/** The abbreviations whose first use in `text` is written neither "meaning (ABBR)" nor "ABBR (meaning …)". */
export function unexplained(text: string): string[] {
  return Object.keys(abbreviations).filter((abbr) => {
    const m = word(abbr).exec(text);
    if (!m) return false;
    const bracketed = text[m.index - 1] === '(' && text[m.index + abbr.length] === ')';
    // "SSTEW audit (Sustained Shared Thinking …)": the meaning in brackets within two words
    const after = /^(?:\s+[\w’'-]+){0,2}\s+\(/.exec(text.slice(m.index + abbr.length));
    const meaning = abbreviations[abbr]!.toLowerCase();
    const followed = after !== null && text.slice(m.index + abbr.length + after[0].length).toLowerCase().startsWith(meaning);
    return !bracketed && !followed;
  });
}

/** `text` with the first use of each abbreviation explained (when it is not already). */
export function explainFirst(text: string): string {
  let out = text;
  for (const abbr of unexplained(out)) {
    out = out.replace(word(abbr), `${abbreviations[abbr]} (${abbr})`);
  }
  return out;
}
