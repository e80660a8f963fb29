import { formatDate } from '../../platform/dates.js';
import { barChart } from './chart.js';
import { NOT_APPLICABLE, yesNoPoints, type AuditTemplate } from './definition.js';
import type { LoadedAudit, SectionSpread } from './repository.js';
import { answerLabel, isLow, lowItems, overallScore, scaleOf, sectionScores, unanswered, type Answers } from './scoring.js';

export const kindLabels = { staff: 'Audit', self: 'Self-assessment' } as const;
const scoreText = (s: { percent: number | null; mean: number | null }) => (s.percent === null ? 'Not scored' : `${Math.round(s.percent)}%${s.mean !== null ? ` (mean ${s.mean})` : ''}`);

/** One section as a form: each item's choices (with the saved answer checked), guidance and examples. */
export function sectionForm(template: AuditTemplate, index: number, answers: Answers) {
  const section = template.sections[index]!;
  return {
    index,
    number: index + 1,
    count: template.sections.length,
    title: section.title,
    guidance: section.guidance,
    items: section.items.map((item) => {
      const answer = answers[item.key];
      const choices = item.response === 'yes_no'
        ? [...[...yesNoPoints].reverse().map((p) => ({ value: p.value, text: p.label })), { value: NOT_APPLICABLE, text: 'Not applicable' }]
        : item.response === 'rating'
          ? (scaleOf(template, item)?.points ?? []).map((p) => ({ value: p.value, text: scaleOf(template, item)?.numeric ? `${p.value} ${p.label}` : p.label }))
          : [];
      return { ...item, value: answer?.value ?? '', comment: answer?.comment ?? '', choices: choices.map((c) => ({ ...c, checked: c.value === answer?.value })), scaleLabel: scaleOf(template, item)?.label };
    }),
  };
}

/** Everything the summary page, the portal view and the PDF show. */
export function auditSummary(audit: LoadedAudit) {
  const { template, answers } = audit;
  const sections = sectionScores(template, answers);
  const overall = overallScore(template, answers);
  const scored = sections.filter((s) => s.percent !== null);
  return {
    title: `${kindLabels[audit.kind]}: ${template.name}`,
    overall: scoreText(overall),
    sections: sections.map((s, i) => ({ ...s, score: scoreText(s), number: i + 1 })),
    chart: scored.length
      ? barChart({ id: `chart-${audit.id}`, title: `Section scores: ${template.name}`, description: `${scored.length} sections scored out of 100%. The table below gives the same figures.`, series: [kindLabels[audit.kind]], rows: scored.map((s) => ({ label: s.title, values: [s.percent] })) })
      : null,
    answers: template.sections.map((s) => ({
      title: s.title,
      items: s.items.map((item) => ({ key: item.key, prompt: item.prompt, source: item.source, answer: item.response === 'text' || item.response === 'evidence' ? (answers[item.key]?.value ?? '') : answerLabel(template, item, answers[item.key]), comment: answers[item.key]?.comment ?? '', low: isLow(template, item, answers[item.key]) })),
    })),
    low: lowItems(template, answers),
    missing: audit.status === 'draft' ? unanswered(template, answers).length : 0,
  };
}

/** Two audits of one template side by side (staff audit and the setting's self-assessment, or two dates). */
export function comparison(left: LoadedAudit, right: LoadedAudit) {
  const l = sectionScores(left.template, left.answers);
  const r = sectionScores(right.template, right.answers);
  const names = [`${kindLabels[left.kind]} ${formatDate(left.completed_at ?? left.started_at)}`, `${kindLabels[right.kind]} ${formatDate(right.completed_at ?? right.started_at)}`];
  const rows = l.map((s) => ({ label: s.title, values: [s.percent, r.find((x) => x.key === s.key)?.percent ?? null] }));
  return {
    names,
    chart: barChart({ id: 'chart-compare', title: `${names[0]} compared with ${names[1]}`, description: 'Section scores out of 100% for both. The table below gives the same figures.', series: names, rows }),
    sections: rows.map((row) => ({ title: row.label, left: row.values[0] === null ? 'Not scored' : `${Math.round(row.values[0]!)}%`, right: row.values[1] === null ? 'Not scored' : `${Math.round(row.values[1]!)}%` })),
    items: left.template.sections.flatMap((s) => s.items.filter((i) => i.response === 'rating' || i.response === 'yes_no').map((item) => {
      const rightItem = right.template.sections.flatMap((x) => x.items).find((x) => x.key === item.key);
      return { section: s.title, prompt: item.prompt, left: answerLabel(left.template, item, left.answers[item.key]), right: rightItem ? answerLabel(right.template, rightItem, right.answers[item.key]) : 'Not asked' };
    })),
  };
}

/** The same template over time for one provider. */
export function trend(audits: LoadedAudit[]) {
  const first = audits[0];
  if (!first) return null;
  const series = audits.map((a) => formatDate(a.completed_at));
  const perAudit = audits.map((a) => sectionScores(a.template, a.answers));
  const rows = first.template.sections.map((s) => ({ label: s.title, values: perAudit.map((scores) => scores.find((x) => x.key === s.key)?.percent ?? null) }));
  return {
    series,
    chart: barChart({ id: 'chart-trend', title: `${first.template.name} over time`, description: `Section scores out of 100% at ${series.join(', ')}. The table below gives the same figures.`, series, rows }),
    rows: rows.map((r) => ({ label: r.label, values: r.values.map((v) => (v === null ? 'Not scored' : `${Math.round(v)}%`)) })),
  };
}

export const bands = [
  { label: 'Below 25%', test: (p: number) => p < 25 },
  { label: '25% to 49%', test: (p: number) => p >= 25 && p < 50 },
  { label: '50% to 74%', test: (p: number) => p >= 50 && p < 75 },
  { label: '75% or more', test: (p: number) => p >= 75 },
];

/** The report from each section's spread (computed by the database: `sectionSpread`), in the template's section order. */
export function spreadReport(template: AuditTemplate, providers: number, spreads: readonly SectionSpread[]) {
  const rows = template.sections.map((s) => {
    const spread = spreads.find((x) => x.key === s.key);
    return { title: s.title, counts: spread?.counts ?? bands.map(() => 0), total: spread?.total ?? 0, mean: spread?.mean ?? null };
  });
  const scored = rows.filter((r) => r.mean !== null);
  return {
    providers,
    rows,
    chart: scored.length ? barChart({ id: 'chart-distribution', title: `${template.name}: mean section scores across providers`, description: `Mean of each section's score over ${providers} providers' latest audits. The table below gives the spread.`, series: ['Mean'], rows: scored.map((r) => ({ label: r.title, values: [r.mean] })) }) : null,
  };
}

/** The LA's spread of section scores across providers (latest audit each): counts only, no names. The same arithmetic as `sectionSpread`'s SQL, over audits in memory. */
export function distribution(template: AuditTemplate, audits: { answers: Answers; definition: AuditTemplate }[]) {
  const scores = audits.map((a) => sectionScores(a.definition, a.answers));
  const spreads = template.sections.map((s): SectionSpread => {
    const percents = scores.map((sc) => sc.find((x) => x.key === s.key)?.percent).filter((p): p is number => typeof p === 'number');
    return { key: s.key, counts: bands.map((b) => percents.filter(b.test).length) as SectionSpread['counts'], total: percents.length, mean: percents.length ? Math.round(percents.reduce((a, b) => a + b, 0) / percents.length) : null };
  });
  return spreadReport(template, audits.length, spreads);
}
