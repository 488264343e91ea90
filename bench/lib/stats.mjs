/** Order statistics for small samples: medians and quartiles by linear interpolation. */

export function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

/** Median, IQR and range of a sample. */
export function summary(values) {
  return {
    n: values.length,
    median: quantile(values, 0.5),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

export function median(values) {
  return quantile(values, 0.5);
}

/** `1.23× (1.20–1.27)`: median with IQR. */
export function fmtRatio(s, digits = 2) {
  return `${s.median.toFixed(digits)}× (${s.q1.toFixed(digits)}–${s.q3.toFixed(digits)})`;
}

/** Microseconds or nanoseconds with IQR, from a summary in microseconds. */
export function fmtTime(s) {
  const unit = s.median < 1 ? ["ns", 1000, 0] : s.median < 100 ? ["µs", 1, 2] : ["µs", 1, 0];
  const f = (x) => (x * unit[1]).toFixed(unit[2]);
  return `${f(s.median)} ${unit[0]} (${f(s.q1)}–${f(s.q3)})`;
}

export function fmtMs(s) {
  return `${s.median.toFixed(1)} ms (${s.q1.toFixed(1)}–${s.q3.toFixed(1)})`;
}

/**
 * CPU time this process has used, in µs (user + system, all threads: GC included). Unlike wall time it
 * does not grow while other processes hold the CPU, which on a shared machine is most of the noise.
 */
export function cpuNow() {
  const u = process.cpuUsage();
  return u.user + u.system;
}
