// The time slider: two month handles make a window (the brush); the network is drawn as
// of the window's last day. Native range inputs keep it keyboard- and screen-reader-usable.

import { monthAt, monthIndex } from "./months.js";

export const FIRST_MONTH = "2012-01";

export class TimeBar {
  constructor(lastMonth, onChange) {
    this.start = document.getElementById("time-start");
    this.end = document.getElementById("time-end");
    this.band = document.getElementById("brush-band");
    this.label = document.getElementById("window-label");
    this.onChange = onChange;
    const max = monthIndex(lastMonth, FIRST_MONTH);
    for (const input of [this.start, this.end]) {
      input.max = String(max);
      input.addEventListener("input", () => this.moved(input));
      input.addEventListener("change", () => this.onChange(this.value()));
    }
  }

  moved(input) {
    if (Number(this.start.value) > Number(this.end.value)) {
      if (input === this.start) this.end.value = this.start.value;
      else this.start.value = this.end.value;
    }
    this.paint();
  }

  set(start, end) {
    this.end.value = String(monthIndex(end, FIRST_MONTH));
    this.start.value = String(monthIndex(start || end, FIRST_MONTH));
    this.paint();
  }

  value() {
    return {
      start: monthAt(Number(this.start.value), FIRST_MONTH),
      end: monthAt(Number(this.end.value), FIRST_MONTH),
    };
  }

  paint() {
    const max = Number(this.end.max) || 1;
    const a = (Number(this.start.value) / max) * 100;
    const b = (Number(this.end.value) / max) * 100;
    this.band.style.left = `${a}%`;
    this.band.style.width = `${Math.max(0.5, b - a)}%`;
    const { start, end } = this.value();
    this.label.textContent = start === end ? `${end} (as of ${end})` : `${start} to ${end} (as of ${end})`;
    this.start.setAttribute("aria-valuetext", start);
    this.end.setAttribute("aria-valuetext", end);
  }
}
