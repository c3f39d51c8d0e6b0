// The page: filters -> events table, timeline, dyad network; an event opens its article; a box codes a
// pasted text. All data is fetched from the JSON API of the same server.
"use strict";

(function () {
  const NE = window.NE;
  const FILTERS = ["actor", "country", "code", "modality", "since", "until", "text"];
  const PAGE = 50;
  const state = { offset: 0, total: 0, filters: {}, interval: "month", sort: "-date", article: null };
  const $ = (id) => document.getElementById(id);

  function readForm() {
    const form = $("filters");
    const filters = {};
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) filters[name] = name === "country" ? value.toUpperCase() : value;
    }
    state.filters = filters;
    state.interval = form.elements.interval.value;
    state.sort = form.elements.sort.value;
  }

  function writeForm() {
    const form = $("filters");
    for (const name of FILTERS) form.elements[name].value = state.filters[name] || "";
    form.elements.interval.value = state.interval;
    form.elements.sort.value = state.sort;
  }

  function syncUrl() {
    const params = new URLSearchParams(state.filters);
    if (state.interval !== "month") params.set("interval", state.interval);
    if (state.sort !== "-date") params.set("sort", state.sort);
    if (state.offset) params.set("offset", state.offset);
    if (state.article) params.set("doc", state.article);
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }

  function fromUrl() {
    const params = new URLSearchParams(window.location.search);
    for (const name of FILTERS) if (params.get(name)) state.filters[name] = params.get(name);
    state.interval = ["day", "week", "month"].includes(params.get("interval")) ? params.get("interval") : "month";
    state.sort = ["-date", "date", "-goldstein", "goldstein"].includes(params.get("sort")) ? params.get("sort") : "-date";
    state.offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    state.article = params.get("doc");
    writeForm();
  }

  function cell(text, cls) {
    return NE.el("td", { class: cls || null }, text === null || text === undefined ? "" : text);
  }

  function renderEvents(page) {
    state.total = page.total;
    const rows = page.items.map((e) => {
      const row = NE.el("tr", { "data-event-id": e.event_id, "data-doc-key": e.doc_key, tabindex: 0,
        class: `quad-row-${e.quad_class}` },
        e.date ? cell(e.date, "date")
          : NE.el("td", { class: "date reported", title: "the report date: the text gives no event date" },
            e.report_date ? `${e.report_date}*` : ""),
        NE.el("td", { class: "code", title: e.code_name || "" }, NE.el("span", { class: `badge quad-${e.quad_class}` }, e.code),
          " ", NE.el("span", { class: "code-name" }, e.code_name || "")),
        cell(NE.fmt(e.goldstein, 1), "num"),
        cell(e.modality),
        cell(e.source ? NE.actorLabel(e.source.code, e.source.name) : "—"),
        cell(e.target ? NE.actorLabel(e.target.code, e.target.name) : "—"),
        cell(e.location ? NE.place(e.location.name, e.location.country) : ""),
        cell(e.rule, "rule"),
        cell(e.doc_id, "doc"));
      const open = () => openArticle(e.doc_key, e.event_id);
      row.addEventListener("click", open);
      row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
      NE.tooltip.bind(row, () => [e.sentence || "", "click to open the article"]);
      return row;
    });
    if (!rows.length) rows.push(NE.el("tr", {}, NE.el("td", { colspan: 9, class: "empty" }, "No events match the filters.")));
    $("events").tBodies[0].replaceChildren(...rows);
    const first = page.total ? page.offset + 1 : 0;
    const last = page.offset + page.items.length;
    $("page-info").textContent = `${first.toLocaleString()}–${last.toLocaleString()} of ${page.total.toLocaleString()}`;
    $("events-count").textContent = `${page.total.toLocaleString()} matching`;
    $("prev").disabled = page.offset === 0;
    $("next").disabled = last >= page.total;
  }

  async function loadEvents() {
    const page = await NE.api("/api/events", { ...state.filters, limit: PAGE, offset: state.offset, sort: state.sort });
    renderEvents(page);
  }

  async function loadCharts() {
    const [timeline, dyads] = await Promise.all([
      NE.api("/api/stats/timeline", { ...state.filters, interval: state.interval }),
      NE.api("/api/stats/dyads", { ...state.filters, limit: 40 }),
    ]);
    NE.timeline($("timeline"), timeline, (since, until) => {
      state.filters.since = since;
      state.filters.until = until;
      writeForm();
      refresh(true);
    });
    NE.timelineLegend($("timeline-legend"), timeline.undated);
    NE.network($("network"), dyads.dyads, (code) => {
      state.filters.actor = code;
      writeForm();
      refresh(true);
    });
  }

  async function refresh(resetOffset) {
    if (resetOffset) state.offset = 0;
    syncUrl();
    NE.status("loading…");
    document.body.removeAttribute("data-ready");
    try {
      await Promise.all([loadEvents(), loadCharts()]);
      NE.status("");
    } catch (err) {
      NE.status(err.message, true);
    }
    document.body.setAttribute("data-ready", "1");
  }

  async function openArticle(docKey, eventId) {
    const panel = $("article-panel");
    try {
      const doc = await NE.api(`/api/documents/${encodeURIComponent(docKey)}`);
      state.article = doc.doc_key;
      syncUrl();
      const meta = [
        NE.el("div", { class: "doc-id" }, NE.el("strong", {}, doc.title || doc.doc_id)),
        NE.el("div", { class: "muted small" }, `id ${doc.doc_id} · ${doc.source_name || "source unknown"} · ` +
          `reported ${doc.report_date || "—"} · ${doc.events.length} event(s)`),
      ];
      if (doc.url) meta.push(NE.el("div", { class: "small" }, "URL: ", NE.safeLink(doc.url)));
      $("article-meta").replaceChildren(...meta);
      $("article-note").textContent = doc.text === null
        ? "The store keeps the sentences that carry events and the actor mentions; … marks text it does not keep."
        : "";
      panel.hidden = false;
      NE.renderArticle($("article"), $("article-events"),
        { passages: doc.passages, events: doc.events, actors: doc.actors, complete: doc.text !== null }, eventId);
      if (!eventId) panel.scrollIntoView({ block: "start" });
      document.body.setAttribute("data-article", doc.doc_key);
    } catch (err) {
      NE.status(err.message, true);
    }
  }

  async function codeText() {
    const text = $("code-text").value;
    const status = $("code-status");
    if (!text.trim()) {
      status.textContent = "Paste a text first.";
      return;
    }
    $("code-run").disabled = true;
    status.textContent = "coding… (the first time loads the language model)";
    try {
      const body = { text };
      if ($("code-date").value) body.report_date = $("code-date").value;
      const result = await NE.api("/api/code", {}, body);
      status.textContent = `${result.events.length} event(s)` +
        (result.report_date ? `; report date ${result.report_date}` : "; no report date found (give one to resolve relative dates)");
      NE.renderArticle($("code-article"), $("code-events"), NE.codedDocument(result));
    } catch (err) {
      status.textContent = err.message;
    } finally {
      $("code-run").disabled = false;
    }
  }

  async function start() {
    const t0 = performance.now();
    fromUrl();
    $("filters").addEventListener("submit", (ev) => {
      ev.preventDefault();
      readForm();
      refresh(true);
    });
    $("filters").addEventListener("reset", () => {
      setTimeout(() => { readForm(); refresh(true); }, 0);
    });
    $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh(false); });
    $("next").addEventListener("click", () => { state.offset += PAGE; refresh(false); });
    $("article-close").addEventListener("click", () => {
      $("article-panel").hidden = true;
      state.article = null;
      syncUrl();
    });
    $("code-run").addEventListener("click", codeText);
    NE.api("/api/info").then((info) => {
      $("summary").textContent = `${info.events.toLocaleString()} events from ${info.coded.toLocaleString()} ` +
        `coded documents (${info.skipped.toLocaleString()} skipped)` +
        (info.first_date ? `, ${info.first_date} to ${info.last_date}` : "");
    }).catch((err) => NE.status(err.message, true));
    await refresh(false);
    if (state.article) await openArticle(state.article);
    const ms = Math.round(performance.now()); // since navigation started: HTML, scripts, API calls, drawing
    window.NE.loadMs = ms;
    window.NE.scriptMs = Math.round(performance.now() - t0);
    $("load-time").textContent = `page ready in ${ms} ms`;
  }

  document.addEventListener("DOMContentLoaded", start);
})();
