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

/** A row that was imported, but says something that does not add up (its register flags contradict its combination). */
export interface RowWarning {
  /** line of the file the row starts on */
  rowNumber: number;
  /** the file's own names of the columns concerned */
  columns: string[];
  /** the cells of those columns, in the same order */
  values: string[];
  /** what the row says and what EY Hub took from it */
  message: string;
  urn: string | null;
  /** the row's local authority: only its staff see the warning */
  laCode?: string;
}

/** What reading a file's rows found beyond the records and rejections: said on the import, not silently fixed. */
export interface RowsReport {
  /** rows with fewer cells than the header (the missing trailing cells were read as empty) */
  shortRows: number;
  /** line of the first short row */
  firstShortRow: number | null;
  warnings: RowWarning[];
}

/** What the import says about how a file was read: its encoding, the columns it does not use, and the rows' report. */
export interface ReadingReport extends Partial<RowsReport> {
  encoding: string;
  unusedColumns: readonly string[];
}
