/** A small line of values (oldest first), scaled to its box; for trends beside a figure. */
export function Sparkline({ values, width = 220, height = 48, label }: { values: readonly number[]; width?: number; height?: number; label: string }) {
  if (values.length < 2) {
    return null;
  }

  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const points = values.map((v, i) => `${((i / (values.length - 1)) * (width - 4) + 2).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`).join(" ");
  return (
    <svg width={width} height={height} role="img" aria-label={label} data-testid="sparkline">
      <polyline points={points} fill="none" stroke="#1976d2" strokeWidth={2} strokeLinejoin="round" />
    </svg>
  );
}
