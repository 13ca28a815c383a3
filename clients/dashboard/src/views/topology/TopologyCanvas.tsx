import { useCallback, useEffect, useRef, useState } from "react";
import { Box, Paper, Typography } from "@mui/material";
import type { ResourceHealth, ResourceSummary } from "../../api";
import { healthColors } from "../../components/common";
import { cell, hit, hitGroup, type Layout } from "./layout";

export interface TopologyCanvasProps {
  layout: Layout;
  edges: readonly { from: string; to: string }[];
  selected: string | undefined;
  /** Bumped to bring the selected resource into view (after picking it from search, say). */
  focusRequest: number;
  onSelect: (id: string | undefined) => void;
  onDrawn?: () => void;
}

interface View {
  scale: number;
  x: number;
  y: number;
}

const healths: readonly ResourceHealth[] = ["healthy", "degraded", "unhealthy", "unknown"];
/** Below this many screen pixels per cell, a group is drawn as its health bar instead of its cells. */
const cellDetail = 3;
/** From this many screen pixels per cell, every edge in view is drawn (past a few thousand, only the selection's). */
const edgeDetail = 12;
const maxEdges = 4000;

/**
 * The estate on a canvas: groups as boxes, resources as cells coloured by health; zoom with the wheel, pan by
 * dragging, click to select. Level of detail: far out a group is one bar of health proportions, closer its cells,
 * closer still every edge in view; the selection's dependencies are always drawn.
 */
export function TopologyCanvas({ layout, edges, selected, focusRequest, onSelect, onDrawn }: TopologyCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const view = useRef<View>({ scale: 1, x: 0, y: 0 });
  const size = useRef({ width: 0, height: 0 });
  const fitted = useRef<Layout | null>(null);
  const frame = useRef(0);
  const [hover, setHover] = useState<{ resource: ResourceSummary; x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(0);

  const draw = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) {
      return;
    }

    const dpr = window.devicePixelRatio || 1;
    const { scale, x, y } = view.current;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * x, dpr * y);
    const left = -x / scale;
    const top = -y / scale;
    const right = left + size.current.width / scale;
    const bottom = top + size.current.height / scale;
    const detailed = cell * scale >= cellDetail;
    let cells = 0;

    const byHealth: Record<ResourceHealth, Path2D> = { healthy: new Path2D(), degraded: new Path2D(), unhealthy: new Path2D(), unknown: new Path2D() };
    ctx.lineWidth = 1 / scale;
    // Titles are 12 screen pixels, never taller than a group's header.
    ctx.font = `${Math.min(18, 12 / scale)}px system-ui, sans-serif`;
    for (const g of layout.groups) {
      if (g.x > right || g.x + g.width < left || g.y > bottom || g.y + g.height < top) {
        continue;
      }

      ctx.fillStyle = "#f5f7fa";
      ctx.strokeStyle = "#b0bec5";
      ctx.fillRect(g.x, g.y, g.width, g.height);
      ctx.strokeRect(g.x, g.y, g.width, g.height);
      ctx.fillStyle = "#263238";
      const title = `${g.key} · ${g.members.length}${g.health.unhealthy ? ` · ${g.health.unhealthy} unhealthy` : ""}`;
      ctx.fillText(title, g.x + 6, g.y + Math.min(18, g.height - 4), g.width - 12);
      if (detailed) {
        for (const m of g.members) {
          const p = layout.positions.get(m.id);
          if (p && p.x <= right && p.x + cell >= left && p.y <= bottom && p.y + cell >= top) {
            byHealth[m.health].rect(p.x, p.y, cell, cell);
            cells++;
          }
        }
      } else {
        // Far out: the group's health as one bar, widths in proportion.
        let bx = g.x + 6;
        const bw = g.width - 12;
        const by = g.y + 26;
        const bh = Math.max(8, g.height - 34);
        for (const h of healths) {
          const w = (bw * g.health[h]) / Math.max(1, g.members.length);
          byHealth[h].rect(bx, by, w, bh);
          bx += w;
        }
      }
    }

    for (const h of healths) {
      ctx.fillStyle = healthColors[h];
      ctx.fill(byHealth[h]);
    }

    // Edges: every one in view when close enough, the selection's always.
    const positions = layout.positions;
    const half = cell / 2;
    if (detailed && cell * scale >= edgeDetail) {
      ctx.strokeStyle = "rgba(55, 71, 79, 0.25)";
      ctx.beginPath();
      let count = 0;
      for (const e of edges) {
        const a = positions.get(e.from);
        const b = positions.get(e.to);
        if (!a || !b || (Math.max(a.x, b.x) < left || Math.min(a.x, b.x) > right || Math.max(a.y, b.y) < top || Math.min(a.y, b.y) > bottom)) {
          continue;
        }

        ctx.moveTo(a.x + half, a.y + half);
        ctx.lineTo(b.x + half, b.y + half);
        if (++count >= maxEdges) {
          break;
        }
      }

      ctx.stroke();
    }

    const s = selected ? positions.get(selected) : undefined;
    if (selected && s) {
      ctx.strokeStyle = "#1565c0";
      ctx.lineWidth = 2 / scale;
      ctx.beginPath();
      for (const e of edges) {
        if (e.from === selected || e.to === selected) {
          const other = positions.get(e.from === selected ? e.to : e.from);
          if (other) {
            ctx.moveTo(s.x + half, s.y + half);
            ctx.lineTo(other.x + half, other.y + half);
          }
        }
      }

      ctx.stroke();
      ctx.lineWidth = 3 / scale;
      ctx.strokeRect(s.x - 2, s.y - 2, cell + 4, cell + 4);
    }

    setDrawn(cells);
    onDrawn?.();
  }, [layout, edges, selected, onDrawn]);

  const redraw = useCallback(() => {
    if (!frame.current) {
      frame.current = requestAnimationFrame(draw);
    }
  }, [draw]);

  // Size the canvas to its box (and the screen's pixel ratio); fit the estate in view the first time it is shown.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) {
      return;
    }

    const resize = () => {
      const rect = canvas.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      // What was at the centre stays there (a details panel opening or closing beside the map, say).
      const before = size.current;
      if (before.width > 0) {
        view.current = { ...view.current, x: view.current.x + (rect.width - before.width) / 2, y: view.current.y + (rect.height - before.height) / 2 };
      }

      size.current = { width: rect.width, height: rect.height };
      canvas.width = Math.round(rect.width * dpr);
      canvas.height = Math.round(rect.height * dpr);
      redraw();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    resize();
    return () => observer.disconnect();
  }, [redraw]);

  useEffect(() => {
    if (fitted.current !== layout && size.current.width > 0) {
      const first = fitted.current === null;
      fitted.current = layout;
      if (first || layout.width * view.current.scale < size.current.width / 4) {
        const scale = Math.min(2, size.current.width / Math.max(1, layout.width + 20), size.current.height / Math.max(1, layout.height + 20));
        view.current = { scale, x: 10 * scale, y: 10 * scale };
      }
    }

    redraw();
  }, [layout, redraw]);

  useEffect(() => {
    const p = selected ? layout.positions.get(selected) : undefined;
    if (focusRequest > 0 && p) {
      const scale = Math.max(view.current.scale, 2);
      view.current = { scale, x: size.current.width / 2 - (p.x + cell / 2) * scale, y: size.current.height / 2 - (p.y + cell / 2) * scale };
      redraw();
    }
    // Only an explicit request moves the view; selecting by clicking leaves it where it is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const toWorld = (clientX: number, clientY: number) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    const { scale, x, y } = view.current;
    return { x: (clientX - (rect?.left ?? 0) - x) / scale, y: (clientY - (rect?.top ?? 0) - y) / scale };
  };

  const drag = useRef<{ startX: number; startY: number; x: number; y: number; moved: boolean } | null>(null);

  return (
    <Box sx={{ position: "relative", height: "100%", minHeight: 480 }}>
      <canvas
        ref={canvasRef}
        data-testid="topology-canvas"
        data-cells={drawn}
        role="img"
        aria-label={`estate map: ${layout.positions.size} resources in ${layout.groups.length} groups`}
        style={{ width: "100%", height: "100%", minHeight: 480, display: "block", cursor: "grab", touchAction: "none" }}
        onWheel={(e) => {
          const { scale, x, y } = view.current;
          const rect = e.currentTarget.getBoundingClientRect();
          const px = e.clientX - rect.left;
          const py = e.clientY - rect.top;
          const next = Math.min(8, Math.max(0.02, scale * Math.exp(-e.deltaY * 0.0015)));
          view.current = { scale: next, x: px - ((px - x) * next) / scale, y: py - ((py - y) * next) / scale };
          redraw();
        }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { startX: e.clientX, startY: e.clientY, x: view.current.x, y: view.current.y, moved: false };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (d) {
            const dx = e.clientX - d.startX;
            const dy = e.clientY - d.startY;
            if (d.moved || Math.abs(dx) + Math.abs(dy) > 4) {
              d.moved = true;
              view.current = { ...view.current, x: d.x + dx, y: d.y + dy };
              setHover(null);
              redraw();
            }

            return;
          }

          const w = toWorld(e.clientX, e.clientY);
          const r = cell * view.current.scale >= cellDetail ? hit(layout, w.x, w.y) : undefined;
          const rect = e.currentTarget.getBoundingClientRect();
          setHover(r ? { resource: r, x: e.clientX - rect.left, y: e.clientY - rect.top } : null);
        }}
        onPointerUp={(e) => {
          const d = drag.current;
          drag.current = null;
          if (d && !d.moved) {
            const w = toWorld(e.clientX, e.clientY);
            if (cell * view.current.scale >= cellDetail) {
              onSelect(hit(layout, w.x, w.y)?.id);
            } else if (hitGroup(layout, w.x, w.y)) {
              // Far out, a click on a group zooms into it.
              const g = hitGroup(layout, w.x, w.y);
              if (g) {
                const scale = Math.min(4, size.current.width / (g.width + 40), size.current.height / (g.height + 40));
                view.current = { scale, x: 20 * scale - g.x * scale, y: 20 * scale - g.y * scale };
                redraw();
              }
            }
          }
        }}
        onPointerLeave={() => setHover(null)}
      />
      {hover ? (
        <Paper sx={{ position: "absolute", left: hover.x + 12, top: hover.y + 12, p: 1, pointerEvents: "none", maxWidth: 360 }} elevation={4}>
          <Typography variant="body2"><strong>{hover.resource.name}</strong></Typography>
          <Typography variant="caption" component="div">{hover.resource.provider} {hover.resource.kind} · {hover.resource.health}</Typography>
        </Paper>
      ) : null}
    </Box>
  );
}
