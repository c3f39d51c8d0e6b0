// Small DOM helpers shared by the page's scripts. Data only ever reaches the page as text nodes
// (textContent) or attribute values (setAttribute); nothing here parses HTML.
"use strict";

const NE = (window.NE = window.NE || {});

NE.QUADS = {
  1: { name: "verbal cooperation", color: "#74a9cf" },
  2: { name: "material cooperation", color: "#0570b0" },
  3: { name: "verbal conflict", color: "#fd8d3c" },
  4: { name: "material conflict", color: "#d7301f" },
};

// el("td", {class: "x", title: "..."}, "text", childNode, ...): children that are strings become text.
NE.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  NE.attrs(node, attrs);
  NE.append(node, children);
  return node;
};

NE.svg = function (tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  NE.attrs(node, attrs);
  NE.append(node, children);
  return node;
};

NE.attrs = function (node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (/^on/i.test(k)) throw new Error("event handlers are attached with addEventListener");
    node.setAttribute(k, String(v));
  }
};

NE.append = function (node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
};

// A link only for http(s) URLs; anything else (javascript:, data:, ...) is shown as plain text.
NE.safeLink = function (url, label) {
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch (e) {
    parsed = null;
  }
  if (parsed && (parsed.protocol === "http:" || parsed.protocol === "https:")) {
    return NE.el("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer" }, label || url);
  }
  return NE.el("span", { class: "url-text" }, label || url);
};

NE.status = function (message, isError) {
  const node = document.getElementById("status");
  node.textContent = message || "";
  node.classList.toggle("error", Boolean(isError));
};

// GET or POST JSON; an API error ({"error": {...}}) becomes an Error with the server's message.
NE.api = async function (path, params, body) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  }
  const init = body === undefined ? {} : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(url, init);
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const message = data && data.error ? data.error.message : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return data;
};

NE.actorLabel = function (code, name) {
  if (!code && !name) return "—";
  if (code && name && name !== code) return `${code} ${name}`;
  return code || name;
};

NE.place = function (name, country) {
  if (!name) return "";
  return country ? `${name} (${country})` : name;
};

NE.fmt = function (x, digits) {
  if (x === null || x === undefined) return "";
  return Number(x).toFixed(digits === undefined ? 1 : digits);
};

// The floating tooltip: show(lines near the pointer), hide(). Lines are plain strings.
NE.tooltip = {
  show(lines, x, y) {
    const tip = document.getElementById("tooltip");
    tip.replaceChildren(...lines.map((line, i) => NE.el("div", { class: i === 0 ? "tip-head" : "tip-line" }, line)));
    tip.hidden = false;
    const pad = 12;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const left = Math.min(x + pad, window.scrollX + document.documentElement.clientWidth - w - pad);
    const top = y + pad + h > window.scrollY + window.innerHeight ? y - h - pad : y + pad;
    tip.style.left = `${Math.max(left, 0)}px`;
    tip.style.top = `${Math.max(top, 0)}px`;
  },
  hide() {
    document.getElementById("tooltip").hidden = true;
  },
  // Show `lines()` on hover and keyboard focus of `node`.
  bind(node, lines) {
    node.addEventListener("mouseenter", (ev) => NE.tooltip.show(lines(), ev.pageX, ev.pageY));
    node.addEventListener("mousemove", (ev) => NE.tooltip.show(lines(), ev.pageX, ev.pageY));
    node.addEventListener("mouseleave", () => NE.tooltip.hide());
    node.addEventListener("focus", () => {
      const r = node.getBoundingClientRect();
      NE.tooltip.show(lines(), r.left + window.scrollX, r.bottom + window.scrollY);
    });
    node.addEventListener("blur", () => NE.tooltip.hide());
  },
};
