// The article view: the document's text with event triggers and actors highlighted; hovering (or focusing)
// a highlight shows the event's code, modality, date, place and rule, or the actor's code and the
// dictionary entries that identified it. The text goes in as text nodes only, so markup in an article
// (<script>, <img onerror>, javascript: links) is shown as the characters it is.
"use strict";

(function () {
  const NE = window.NE;

  function eventLines(e) {
    const date = e.date ? `${e.date}${e.date_precision ? ` (${e.date_precision})` : ""}` : "not given in the text";
    const lines = [
      `${e.code} ${e.code_name || ""}`.trim(),
      `modality: ${e.modality || "?"}${e.attribution ? `, attributed to ${e.attribution}` : ""}`,
      `date: ${date}`,
      `place: ${NE.place(e.location_name, e.location_country) || "not found"}`,
      `rule: ${e.rule || "?"}`,
      `${NE.actorLabel(e.source_code, e.source_name)} → ${NE.actorLabel(e.target_code, e.target_name)}`,
    ];
    if (e.goldstein !== null && e.goldstein !== undefined) {
      lines.push(`Goldstein ${NE.fmt(e.goldstein, 1)}, quad class ${e.quad_class}, confidence ${NE.fmt(e.confidence, 2)}`);
    }
    return lines;
  }

  function actorLines(a, byId) {
    const e = byId.get(a.event_id);
    return [
      `${a.side} actor: ${NE.actorLabel(a.code, a.name)}`,
      `of event ${e ? `${e.code} ${e.code_name || ""}`.trim() : a.event_id}`,
      `country ${a.country || "—"}, role ${a.role || "—"}`,
      `identified by: ${(a.rules || []).join(", ") || "—"}`,
    ];
  }

  function spansOf(doc) {
    const spans = [];
    for (const e of doc.events) {
      if (e.trigger_start !== null && e.trigger_end > e.trigger_start) {
        spans.push({ start: e.trigger_start, end: e.trigger_end, kind: "ev", item: e, id: e.event_id });
      }
    }
    for (const a of doc.actors) {
      if (a.start !== null && a.start >= 0 && a.end > a.start) {
        spans.push({ start: a.start, end: a.end, kind: a.side, item: a, id: a.event_id });
      }
    }
    return spans;
  }

  function segment(text, covering, byId) {
    const events = covering.filter((s) => s.kind === "ev");
    const actors = covering.filter((s) => s.kind !== "ev");
    const classes = ["hl"];
    if (events.length) {
      classes.push("ev", `quad-${events[0].item.quad_class}`);
    } else {
      classes.push("actor", ...new Set(actors.map((s) => s.kind)));
    }
    const ids = [...new Set(covering.map((s) => s.id))];
    const node = NE.el("span", { class: classes.join(" "), tabindex: 0, "data-event-ids": ids.join(" "),
      "data-codes": [...new Set(events.map((s) => s.item.code))].join(" ") || null }, text);
    NE.tooltip.bind(node, () => {
      const lines = [];
      for (const s of events) lines.push(...eventLines(s.item), "");
      for (const s of actors) lines.push(...actorLines(s.item, byId), "");
      return lines.filter((l, i) => l !== "" || i < lines.length - 1);
    });
    return node;
  }

  function passage(p, spans, byId) {
    const local = spans.filter((s) => s.start < p.end && s.end > p.start);
    const cuts = new Set([p.start, p.end]);
    for (const s of local) {
      cuts.add(Math.max(s.start, p.start));
      cuts.add(Math.min(s.end, p.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const chars = Array.from(p.text); // offsets count code points (Python's str), not UTF-16 units
    const nodes = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const text = chars.slice(a - p.start, b - p.start).join("");
      const covering = local.filter((s) => s.start <= a && s.end >= b);
      nodes.push(covering.length ? segment(text, covering, byId) : document.createTextNode(text));
    }
    return NE.el("span", { class: "passage", "data-start": p.start }, nodes);
  }

  // render(textContainer, listContainer, doc, focusEventId): doc = {passages, events, actors, complete}
  NE.renderArticle = function (container, list, doc, focusId) {
    const byId = new Map(doc.events.map((e) => [e.event_id, e]));
    const spans = spansOf(doc);
    const nodes = [];
    let last = 0;
    for (const p of doc.passages) {
      if (!doc.complete && p.start - last > 2) {
        nodes.push(NE.el("span", { class: "gap", title: "text the store does not keep" }, last === 0 ? "… " : " … "));
      } else if (p.start > last) {
        nodes.push(document.createTextNode(" "));
      }
      nodes.push(passage(p, spans, byId));
      last = p.end;
    }
    container.replaceChildren(...nodes);
    list.replaceChildren(...doc.events.map((e) => {
      const button = NE.el("button", { type: "button", class: "link", "data-event-id": e.event_id },
        `${e.code} ${e.code_name || ""}`.trim());
      button.addEventListener("click", () => NE.focusEvent(container, e.event_id));
      return NE.el("li", { "data-event-id": e.event_id }, button,
        ` ${e.modality || ""} · ${NE.actorLabel(e.source_code, e.source_name)} → ` +
        `${NE.actorLabel(e.target_code, e.target_name)} · ${e.date || "no date"} · ` +
        `${NE.place(e.location_name, e.location_country) || "no place"} · rule ${e.rule || "?"}`);
    }));
    if (focusId) NE.focusEvent(container, focusId);
  };

  NE.focusEvent = function (container, eventId) {
    let first = null;
    for (const node of container.querySelectorAll(".hl")) {
      const hit = (node.getAttribute("data-event-ids") || "").split(" ").includes(eventId);
      node.classList.toggle("focus", hit);
      if (hit && !first) first = node;
    }
    if (first) first.scrollIntoView({ block: "center", behavior: "auto" });
  };

  // The response of POST /api/code as a document for renderArticle.
  NE.codedDocument = function (result) {
    const events = [];
    const actors = [];
    for (const e of result.events) {
      const m = e.mentions[0] || {};
      events.push({
        event_id: e.event_id, code: e.code, code_name: e.code_name, quad_class: e.quad_class, goldstein: e.goldstein,
        modality: e.modality, attribution: e.attribution, date: e.date, date_precision: e.date_precision,
        location_name: e.location ? e.location.name : null, location_country: e.location ? e.location.country : null,
        rule: e.rule, confidence: e.confidence, source_code: e.source ? e.source.code : null,
        source_name: e.source ? e.source.name : null, target_code: e.target ? e.target.code : null,
        target_name: e.target ? e.target.name : null, trigger_start: m.trigger_start, trigger_end: m.trigger_end,
        trigger: m.trigger, sentence_start: m.start, sentence_end: m.end,
      });
      for (const side of ["source", "target"]) {
        const a = e[side];
        if (a) actors.push({ ...a, side, event_id: e.event_id });
      }
    }
    return { passages: [{ start: 0, end: Array.from(result.text).length, text: result.text }], events, actors, complete: true };
  };
})();
