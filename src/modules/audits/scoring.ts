import { NOT_APPLICABLE, yesNoPoints, type AuditItem, type AuditTemplate, type Scale } from './definition.js';

/** What was recorded for one item: the chosen value (or text) and a comment. */
export interface Answer {
  value: string | null;
  comment?: string;
}
export type Answers = Record<string, Answer>;

export interface SectionScore {
  key: string;
  title: string;
  answered: number;
  scorable: number;
  /** 0-100: the worst point 0, the best 100, averaged over answered items (not applicable left out) */
  percent: number | null;
  /** on a numeric scale (SSTEW 1-7), the mean of the values */
  mean: number | null;
}

function pointsFor(template: AuditTemplate, item: AuditItem): readonly { value: string; label: string; low: boolean }[] | null {
  if (item.response === 'yes_no') return yesNoPoints;
  if (item.response === 'rating') return template.scales.find((s) => s.key === item.scale)?.points ?? null;
  return null;
}

export function scaleOf(template: AuditTemplate, item: AuditItem): Scale | undefined {
  return item.response === 'rating' ? template.scales.find((s) => s.key === item.scale) : undefined;
}

/** The item's answer as 0-100, or null when unanswered, not applicable or not scored (text, evidence). */
export function itemPercent(template: AuditTemplate, item: AuditItem, answer: Answer | undefined): number | null {
  const points = pointsFor(template, item);
  if (!points || !answer?.value || answer.value === NOT_APPLICABLE) return null;
  const index = points.findIndex((p) => p.value === answer.value);
  if (index < 0) return null;
  return Math.round((index / (points.length - 1)) * 1000) / 10;
}

/** Answered low ("no", "partly", SSTEW's 1-3 …) on an item that calls for an action. */
export function isLow(template: AuditTemplate, item: AuditItem, answer: Answer | undefined): boolean {
  if (!item.actionIfLow || !answer?.value) return false;
  return pointsFor(template, item)?.find((p) => p.value === answer.value)?.low ?? false;
}

export function answerLabel(template: AuditTemplate, item: AuditItem, answer: Answer | undefined): string {
  if (!answer?.value) return 'Not answered';
  if (answer.value === NOT_APPLICABLE) return 'Not applicable';
  const points = pointsFor(template, item);
  if (!points) return answer.value;
  const point = points.find((p) => p.value === answer.value);
  if (!point) return answer.value;
  return scaleOf(template, item)?.numeric ? `${point.value} ${point.label}`.trim() : point.label;
}

const mean = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null);

export function sectionScores(template: AuditTemplate, answers: Answers): SectionScore[] {
  return template.sections.map((section) => {
    const scored = section.items.filter((i) => i.response === 'rating' || i.response === 'yes_no');
    const percents = scored.map((i) => itemPercent(template, i, answers[i.key])).filter((p): p is number => p !== null);
    const numeric = scored.filter((i) => scaleOf(template, i)?.numeric).map((i) => Number(answers[i.key]?.value)).filter((v) => Number.isFinite(v));
    return {
      key: section.key,
      title: section.title,
      answered: section.items.filter((i) => answers[i.key]?.value || (i.response === 'text' && answers[i.key]?.comment)).length,
      scorable: scored.length,
      percent: mean(percents),
      mean: numeric.length && numeric.length === percents.length ? mean(numeric) : null,
    };
  });
}

/** The whole audit: the mean of every answered, scored item. */
export function overallScore(template: AuditTemplate, answers: Answers): { percent: number | null; mean: number | null } {
  const items = template.sections.flatMap((s) => s.items);
  const percents = items.map((i) => itemPercent(template, i, answers[i.key])).filter((p): p is number => p !== null);
  const numeric = items.filter((i) => scaleOf(template, i)?.numeric).map((i) => Number(answers[i.key]?.value)).filter((v) => Number.isFinite(v) && v > 0);
  return { percent: mean(percents), mean: numeric.length && numeric.length === percents.length ? mean(numeric) : null };
}

/** Items that need an answer before the audit can be completed (ratings and yes/no; text and evidence are optional). */
export function unanswered(template: AuditTemplate, answers: Answers): { section: number; item: AuditItem }[] {
  return template.sections.flatMap((s, section) => s.items.filter((i) => (i.response === 'rating' || i.response === 'yes_no') && !answers[i.key]?.value).map((item) => ({ section, item })));
}

/** Low answers, each with the action prefilled from the item. */
export function lowItems(template: AuditTemplate, answers: Answers) {
  return template.sections.flatMap((s) =>
    s.items.filter((i) => isLow(template, i, answers[i.key])).map((item) => ({
      key: item.key,
      section: s.title,
      prompt: item.prompt,
      answer: answerLabel(template, item, answers[item.key]),
      action: `${template.name}: ${item.prompt}${answers[item.key]?.comment ? ` (${answers[item.key]!.comment})` : ''}`.slice(0, 1000),
    })),
  );
}
