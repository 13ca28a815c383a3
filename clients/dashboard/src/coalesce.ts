/**
 * Runs `fn` at once on the first trigger, then at most once per `ms` however often it is triggered (one trailing run
 * covers every trigger in between). For reads a live push asks for: an alert storm changing an incident many times a
 * second costs one read per interval, and the last change is never missed.
 */
export function coalesce(fn: () => void, ms: number): { trigger: () => void; cancel: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    fn();
  };
  return {
    trigger: () => {
      if (timer !== undefined) {
        return;
      }

      const wait = last + ms - Date.now();
      if (wait <= 0) {
        run();
      } else {
        timer = setTimeout(run, wait);
      }
    },
    cancel: () => {
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
    },
  };
}
