export interface LocalAuthorityRow {
  la_code: string;
  name: string;
  ofsted_names: string[];
}

export interface ImportProgress {
  phase: 'reading' | 'parsing' | 'saving' | 'done' | 'failed';
  done: number;
  total: number;
}

export type ProgressFn = (progress: ImportProgress) => void;

/**
 * What the progress page is told. Once the import's row says it has finished, that is the answer:
 * the in-memory progress of the run may lag a moment behind it.
 */
export function progressReport(status: string, running: ImportProgress | undefined): { status: string; phase: string; percent: number } {
  if (status !== 'running' || !running) return { status, phase: status, percent: status === 'running' ? 0 : 100 };
  return { status, phase: running.phase, percent: running.total > 0 ? Math.round((100 * running.done) / running.total) : 0 };
}
