/*
 * Provider updates: the safe subset of formatting staff may type (issue 22: "headings, paragraphs,
 * links"), as pure functions. Nothing typed becomes HTML except through these rules: every other
 * character is escaped, and only https:// and mailto: links are made.
 *
 *   # A heading            → <h2>
 *   ## A smaller heading   → <h3>
 *   a paragraph (lines up to a blank line)
 *   [link text](https://example.org)
 */

export type Block = { kind: 'h2' | 'h3' | 'p'; text: string };

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'p', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,2})\s+(.+)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: heading[1] === '#' ? 'h2' : 'h3', text: heading[2]! });
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const LINK = /\[([^\]]+)\]\(((?:https:\/\/|mailto:)[^\s)]+)\)/g;

function inlineHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += escape(text.slice(last, m.index));
    out += `<a href="${escape(m[2]!)}">${escape(m[1]!)}</a>`;
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}

const inlineText = (text: string) => text.replace(LINK, (_, label: string, href: string) => `${label} (${href})`);

/** The update as HTML (headings, paragraphs, links; everything else escaped) for the e-mail and the portal. */
export function updateHtml(source: string): string {
  return parseBlocks(source)
    .map((b) => `<${b.kind}>${inlineHtml(b.text)}</${b.kind}>`)
    .join('\n');
}

/** The update as plain text, the e-mail's text part: links written out. */
export function updateText(source: string): string {
  return parseBlocks(source)
    .map((b) => (b.kind === 'p' ? inlineText(b.text) : inlineText(b.text).toUpperCase()))
    .join('\n\n');
}

/** The next update of a series: a week later, or twice a month (the 1st and the 16th, same time). */
export function nextInSeries(sendAt: Date, repeat: 'none' | 'weekly' | 'twice_monthly'): Date | null {
  if (repeat === 'none') return null;
  const next = new Date(sendAt);
  if (repeat === 'weekly') next.setUTCDate(next.getUTCDate() + 7);
  else if (next.getUTCDate() < 16) next.setUTCDate(16);
  else next.setUTCMonth(next.getUTCMonth() + 1, 1);
  return next;
}
