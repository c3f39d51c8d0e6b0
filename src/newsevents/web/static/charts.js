// The timeline (stacked bars of events per period and quad class, a line of mean Goldstein score) and
// the dyad network (a small force layout), drawn as plain SVG. Labels are text nodes.
"use strict";

(function () {
  const NE = window.NE;

  function periodEnd(start, interval) {
    const d = new Date(`${start}T00:00:00Z`);
    if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }

  function niceMax(x) {
    if (x <= 5) return 5;
    const p = Math.pow(10, Math.floor(Math.log10(x)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
    return 10 * p;
  }

  function label(period, interval) {
    return interval === "month" ? period.slice(0, 7) : period;
  }

  // timeline(container, {interval, buckets, undated}, onPick(since, until))
  NE.timeline = function (container, data, onPick) {
    const width = Math.max(container.clientWidth || 640, 320);
    const height = 240;
    const m = { top: 22, right: 44, bottom: 34, left: 48 };
    const w = width - m.left - m.right;
    const h = height - m.top - m.bottom;
    const buckets = data.buckets;
    const root = NE.svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": "events per period and mean Goldstein score" });
    container.replaceChildren(root);
    if (!buckets.length) {
      root.appendChild(NE.svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" },
        "No dated events match the filters."));
      return;
    }
    const ymax = niceMax(Math.max(...buckets.map((b) => b.count)));
    const band = w / buckets.length;
    const bar = Math.min(Math.max(band * 0.8, 1), 48);
    const y = (v) => m.top + h - (v / ymax) * h;
    const g = (v) => m.top + h / 2 - (v / 10) * (h / 2);
    const axes = NE.svg("g", { class: "axis" });
    for (let i = 0; i <= 4; i++) {
      const v = (ymax * i) / 4;
      axes.appendChild(NE.svg("line", { x1: m.left, x2: m.left + w, y1: y(v), y2: y(v), class: "grid" }));
      axes.appendChild(NE.svg("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end" }, Math.round(v)));
    }
    for (const v of [-10, -5, 0, 5, 10]) {
      axes.appendChild(NE.svg("text", { x: m.left + w + 6, y: g(v) + 4, class: "goldstein-axis" }, v));
    }
    axes.appendChild(NE.svg("text", { x: 4, y: 11, class: "axis-title" }, "events"));
    axes.appendChild(NE.svg("text", { x: width - 2, y: 11, "text-anchor": "end", class: "goldstein-axis" }, "Goldstein"));
    const step = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(w / 90))));
    buckets.forEach((b, i) => {
      if (i % step === 0 || i === buckets.length - 1) {
        axes.appendChild(NE.svg("text", { x: m.left + i * band + band / 2, y: height - 12, "text-anchor": "middle" },
          label(b.period, data.interval)));
      }
    });
    root.appendChild(axes);
    const bars = NE.svg("g", { class: "bars" });
    buckets.forEach((b, i) => {
      const x = m.left + i * band + (band - bar) / 2;
      let acc = 0;
      const group = NE.svg("g", { class: "bucket", "data-period": b.period, tabindex: 0 });
      const quads = [...b.by_quad].sort((a, c) => (a.quad_class || 0) - (c.quad_class || 0));
      for (const q of quads) {
        const quad = NE.QUADS[q.quad_class] || { name: "unknown", color: "#999" };
        const top = y(acc + q.count);
        group.appendChild(NE.svg("rect", { x, y: top, width: bar, height: Math.max(y(acc) - top, 0.5),
          fill: quad.color, class: `quad quad-${q.quad_class}` }));
        acc += q.count;
      }
      const until = periodEnd(b.period, data.interval);
      NE.tooltip.bind(group, () => [
        `${label(b.period, data.interval)}: ${b.count} event(s), mean Goldstein ${NE.fmt(b.goldstein_mean, 2)}`,
        ...quads.map((q) => `${(NE.QUADS[q.quad_class] || { name: "?" }).name}: ${q.count} ` +
          `(mean Goldstein ${NE.fmt(q.goldstein_mean, 2)})`),
        "click to filter to this period",
      ]);
      group.addEventListener("click", () => onPick && onPick(b.period, until));
      group.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" && onPick) onPick(b.period, until);
      });
      bars.appendChild(group);
    });
    root.appendChild(bars);
    const zero = NE.svg("line", { x1: m.left, x2: m.left + w, y1: g(0), y2: g(0), class: "goldstein-zero" });
    root.appendChild(zero);
    const points = buckets.filter((b) => b.goldstein_mean !== null)
      .map((b) => [m.left + buckets.indexOf(b) * band + band / 2, g(b.goldstein_mean)]);
    if (points.length > 1) {
      root.appendChild(NE.svg("polyline", { points: points.map((p) => p.join(",")).join(" "), class: "goldstein-line",
        fill: "none" }));
    }
    if (points.length <= 120) {
      for (const [px, py] of points) root.appendChild(NE.svg("circle", { cx: px, cy: py, r: 2.5, class: "goldstein-dot" }));
    }
  };

  NE.timelineLegend = function (container, undated) {
    const items = Object.entries(NE.QUADS).map(([k, q]) =>
      NE.el("span", { class: "legend-item" }, NE.el("span", { class: `swatch quad-${k}` }), q.name));
    items.push(NE.el("span", { class: "legend-item" }, NE.el("span", { class: "swatch line" }), "mean Goldstein"));
    if (undated) items.push(NE.el("span", { class: "legend-item muted" }, `${undated} undated event(s) not shown`));
    container.replaceChildren(...items);
  };

  function goldsteinColor(v) {
    if (v === null || v === undefined) return "#888";
    const t = Math.max(-1, Math.min(1, v / 7));
    const mix = (a, b, f) => Math.round(a + (b - a) * f);
    const grey = [150, 150, 150];
    const end = t < 0 ? [215, 48, 31] : [5, 112, 176];
    const f = Math.abs(t);
    return `rgb(${mix(grey[0], end[0], f)},${mix(grey[1], end[1], f)},${mix(grey[2], end[2], f)})`;
  }

  // Fruchterman-Reingold with gravity (disconnected pairs stay near the middle), then scaled to the box.
  function layout(nodes, edges, width, height) {
    const n = nodes.length;
    const cx = width / 2, cy = height / 2;
    nodes.forEach((node, i) => {
      const a = (2 * Math.PI * i) / n;
      node.x = cx + (width / 3) * Math.cos(a);
      node.y = cy + (height / 3) * Math.sin(a);
    });
    const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.8;
    const iterations = 300;
    for (let it = 0; it < iterations; it++) {
      const temp = (width / 10) * (1 - it / iterations) + 0.5;
      for (const a of nodes) {
        a.dx = (cx - a.x) * 0.05;
        a.dy = (cy - a.y) * 0.05;
      }
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const d = Math.max(Math.hypot(dx, dy), 0.01);
          if (d > 3 * k) continue; // short-range repulsion: unrelated pairs are not flung apart
          const f = (k * k) / d;
          dx /= d; dy /= d;
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      for (const e of edges) {
        if (e.s === e.t) continue;
        let dx = e.s.x - e.t.x, dy = e.s.y - e.t.y;
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        const f = (d * d) / k;
        dx /= d; dy /= d;
        e.s.dx -= dx * f; e.s.dy -= dy * f; e.t.dx += dx * f; e.t.dy += dy * f;
      }
      for (const a of nodes) {
        const d = Math.max(Math.hypot(a.dx, a.dy), 0.01);
        a.x += (a.dx / d) * Math.min(d, temp);
        a.y += (a.dy / d) * Math.min(d, temp);
      }
    }
    const xs = nodes.map((a) => a.x), ys = nodes.map((a) => a.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const mx = 48, top = 34, bottom = 22;
    for (const a of nodes) {
      a.x = x1 > x0 ? mx + ((a.x - x0) / (x1 - x0)) * (width - 2 * mx) : cx;
      a.y = y1 > y0 ? top + ((a.y - y0) / (y1 - y0)) * (height - top - bottom) : cy;
    }
  }

  // network(container, dyads, onPick(actorCode))
  NE.network = function (container, dyads, onPick) {
    const width = Math.max(container.clientWidth || 420, 300);
    const height = 400;
    const root = NE.svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": "network of source-target dyads" });
    container.replaceChildren(root);
    if (!dyads.length) {
      root.appendChild(NE.svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" },
        "No dyads match the filters."));
      return;
    }
    const byCode = new Map();
    const node = (code, name) => {
      if (!byCode.has(code)) byCode.set(code, { code, name, count: 0 });
      return byCode.get(code);
    };
    const edges = dyads.map((d) => {
      const s = node(d.source, d.source_name), t = node(d.target, d.target_name);
      s.count += d.count; t.count += d.count;
      return { s, t, d };
    });
    const nodes = [...byCode.values()];
    layout(nodes, edges, width, height);
    const maxCount = Math.max(...dyads.map((d) => d.count));
    const maxNode = Math.max(...nodes.map((n) => n.count));
    const defs = NE.svg("defs", {}, NE.svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, NE.svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#666" })));
    root.appendChild(defs);
    const radius = (n) => 5 + 10 * Math.sqrt(n.count / maxNode);
    const edgeLayer = NE.svg("g", { class: "edges" });
    for (const e of edges) {
      const widthPx = 1 + 7 * (e.d.count / maxCount);
      const color = goldsteinColor(e.d.goldstein_mean);
      let shape;
      if (e.s === e.t) {
        const r = radius(e.s);
        shape = NE.svg("path", { d: `M${e.s.x},${e.s.y - r} a${r},${r} 0 1,1 ${r},${r}`, fill: "none", stroke: color,
          "stroke-width": widthPx, class: "edge" });
      } else {
        const dx = e.t.x - e.s.x, dy = e.t.y - e.s.y;
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        const rt = radius(e.t) + 2;
        shape = NE.svg("line", { x1: e.s.x, y1: e.s.y, x2: e.t.x - (dx / d) * rt, y2: e.t.y - (dy / d) * rt,
          stroke: color, "stroke-width": widthPx, "marker-end": "url(#arrow)", class: "edge" });
      }
      NE.tooltip.bind(shape, () => [
        `${NE.actorLabel(e.d.source, e.d.source_name)} → ${NE.actorLabel(e.d.target, e.d.target_name)}`,
        `${e.d.count} event(s), mean Goldstein ${NE.fmt(e.d.goldstein_mean, 2)}, ${e.d.conflict} conflictual`,
      ]);
      edgeLayer.appendChild(shape);
    }
    root.appendChild(edgeLayer);
    const nodeLayer = NE.svg("g", { class: "nodes" });
    for (const n of nodes) {
      const group = NE.svg("g", { class: "node", "data-code": n.code, tabindex: 0 },
        NE.svg("circle", { cx: n.x, cy: n.y, r: radius(n) }),
        NE.svg("text", { x: n.x, y: n.y - radius(n) - 3, "text-anchor": "middle" }, n.code));
      NE.tooltip.bind(group, () => [NE.actorLabel(n.code, n.name), `${n.count} event(s) in the top dyads`,
        "click to filter to this actor"]);
      group.addEventListener("click", () => onPick && onPick(n.code));
      group.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" && onPick) onPick(n.code);
      });
      nodeLayer.appendChild(group);
    }
    root.appendChild(nodeLayer);
  };
})();
