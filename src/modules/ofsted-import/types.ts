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
