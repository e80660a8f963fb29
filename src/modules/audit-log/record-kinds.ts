import { Registry } from '../../platform/registry.js';

/** A kind of record the audit log names (`record_type`): what staff call it and, where it has one, its page. */
export interface RecordKind {
  type: string;
  label: string;
  href?: (id: string) => string;
}

/** Each module names its own kinds of record (src/app/modules.ts); the audit log page shows them by name, linked. */
export const auditRecordKinds = new Registry<RecordKind>('audit-log record kinds');

export function describeRecord(type: string | null, id: string | null): { label: string; href: string | null } | null {
  if (!type) return null;
  const kind = auditRecordKinds.list().find((k) => k.type === type);
  return { label: `${kind?.label ?? type} ${id ?? ''}`.trim(), href: kind?.href && id ? kind.href(id) : null };
}
