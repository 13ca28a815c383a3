import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesce } from "./coalesce";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("coalesce", () => {
  it("runs at once, then once per interval with one trailing run for a burst", () => {
    const fn = vi.fn();
    const c = coalesce(fn, 1000);
    c.trigger();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) {
      c.trigger();
    }

    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
    c.trigger();
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("runs nothing more once cancelled", () => {
    const fn = vi.fn();
    const c = coalesce(fn, 1000);
    c.trigger();
    c.trigger();
    c.cancel();
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
