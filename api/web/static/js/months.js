// Month arithmetic for the time slider: months are "YYYY-MM" strings, indexes count
// months from the first one on the slider.

export function monthIndex(month, first) {
  const [y, m] = month.split("-").map(Number);
  const [fy, fm] = first.split("-").map(Number);
  return (y - fy) * 12 + (m - fm);
}

export function monthAt(index, first) {
  const [fy, fm] = first.split("-").map(Number);
  const total = fy * 12 + (fm - 1) + index;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function lastDay(month) {
  const [y, m] = month.split("-").map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}

export function currentMonth() {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function isMonth(text) {
  return typeof text === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}
