/** 40 funded children as the funding system exports them. */
export function fundedChildrenCsv(count = 40): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const dob = `${String((n % 28) + 1).padStart(2, '0')}/${String((n % 12) + 1).padStart(2, '0')}/${n % 2 ? 2022 : 2023}`;
    return `C${String(n).padStart(3, '0')},${dob},${n % 3 === 0 ? 'FF2' : 'Universal 15 hours'},15,01/09/2026`;
  });
  return `Child reference,Date of birth,Entitlement type,Funded hours,Start date\n${rows.join('\n')}\n`;
}
