import { formatDate } from '../../platform/dates.js';
import { pdfDocument } from '../../platform/pdf.js';

export interface PlanPdf {
  laName: string;
  providerName: string;
  urn: string;
  printedOn: string;
  items: { area: string; action: string; source: string; successCriteria: string; owner: string; due: string | null; status: string; rag: string; lastComment: string | null }[];
}

/** The action plan to print or send: one section per action, grouped as the page shows them. */
export function actionPlanPdf(plan: PlanPdf): Promise<Buffer> {
  const pdf = pdfDocument({ title: `Action plan: ${plan.providerName}`, author: plan.laName, subject: 'Provider action plan' });
  pdf.kicker(`${plan.laName} · Early Years and Childcare`);
  pdf.heading('Action plan', 1);
  pdf.para(`${plan.providerName} (URN ${plan.urn})\nPrinted on ${formatDate(plan.printedOn)}`);
  if (!plan.items.length) pdf.para('No actions yet.');
  plan.items.forEach((item, i) => {
    pdf.heading(`${i + 1}. ${item.action}`);
    pdf.list([
      `Status: ${item.status} (${item.rag})`,
      `Due: ${item.due ? formatDate(item.due) : 'no date'}`,
      `Area: ${item.area}`,
      `From: ${item.source}`,
      ...(item.successCriteria ? [`Success criteria: ${item.successCriteria}`] : []),
      ...(item.owner ? [`Responsible: ${item.owner}`] : []),
      ...(item.lastComment ? [`Latest comment: ${item.lastComment}`] : []),
    ]);
  });
  return pdf.finish();
}
