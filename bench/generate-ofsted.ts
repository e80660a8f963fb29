/**
 * Writes a national-scale Ofsted "Childcare provider level data" CSV (the real
 * 2021 column layout, ~71,000 providers over every local authority) for the
 * import benchmark. Deterministic: the same seed gives the same file.
 *   tsx bench/generate-ofsted.ts <out.csv> [rows] [seed]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadLocalAuthorityData } from '../src/modules/local-authorities/repository.js';
import { SHARED_DATA } from '../test/support/ofsted-files.js';

/** `reinspected`: every tenth graded provider has a newer inspection (RI, Inadequate or Good), as a later monthly file would. */
export function generateOfstedCsv(rows = 70_980, seed = 42, reinspected = false): string {
  let state = seed >>> 0;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const header = readFileSync(`${SHARED_DATA}/ofsted_providers_2021-08-31_sample.csv`, 'utf8').split('\n')[0]!;
  const las = loadLocalAuthorityData().filter((l) => l.status === 'current').map((l) => l.ofstedNames[0]!);
  const types = ['Childminder', 'Childminder', 'Childminder', 'Childcare on non-domestic premises', 'Childcare on non-domestic premises', 'Childcare on domestic premises', 'Home childcarer'];
  const grades = ['1', '2', '2', '2', '2', '2', '3', '4', '', ''];
  const date = () => `${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}/${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}/${2010 + Math.floor(rand() * 11)}`;
  const q = (s: string) => `"${s}"`;
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const type = pick(types);
    const minder = type === 'Childminder';
    const drawn = pick(grades);
    const newer = reinspected && drawn !== '' && i % 10 === 0;
    const grade = newer ? (['3', '4', '2'][(i / 10) % 3] ?? '2') : drawn;
    const drawnDate = drawn ? date() : '';
    const inspected = newer ? '15/09/2021' : drawnDate;
    const urn = `EY${String(100000 + i).padStart(6, '0')}`;
    const name = minder ? 'REDACTED' : `Setting ${i}`;
    const address = minder ? ['REDACTED', 'REDACTED', 'REDACTED', 'REDACTED', 'REDACTED'] : [`${i} High Street`, '', '', 'Town', `AB${i % 99} ${i % 9}CD`];
    const cells = [
      q('Web link'), q(urn), date(), q(type), type === 'Childcare on non-domestic premises' ? q('Full day care') : '', q('Active'), q('ALL'), q('Y'), q('Y'), q('Y'),
      minder ? '' : q(`RP${500000 + i}`), minder ? '' : q(`Company ${i} Ltd`), q(name), q(address[0]!), q(address[1]!), q(address[2]!), q(address[3]!), q(address[4]!), q(minder ? 'REDACTED' : '01234 567890'),
      q('Constituency'), q(pick(las)), q('Region'), q('Region'), q('Average'), String(6 + (i % 60)), String(6 + (i % 60)),
      grade ? q(String((newer ? 20000000 : 10000000) + i)) : '', inspected, grade ? q(grade) : '', q('-'), q('-'), q('-'), grade ? q(grade) : '', q('-'), q('Met'), q('Met'),
      '', '', '', '', '', '', '', '', '', '', '', '',
    ];
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('generate-ofsted.ts')) {
  const [out, rows, seed] = process.argv.slice(2);
  if (!out) throw new Error('usage: tsx bench/generate-ofsted.ts <out.csv> [rows] [seed]');
  writeFileSync(out, generateOfstedCsv(rows ? Number(rows) : undefined, seed ? Number(seed) : undefined));
  console.log(`wrote ${out}`);
}
