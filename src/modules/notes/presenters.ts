/** A note of visit's state as staff see it (the provider page, the note, My work). */
export const statusLabels: Record<string, string> = { draft: 'Draft', submitted: 'With the SIA for quality assurance', returned: 'Returned for changes', quality_assured: 'Quality-assured, ready to send', sent: 'Sent' };
