// The page of `dabir serve`: sends the text to /v1/analyze and draws every layer the
// Document has. Spans in the Document are UTF-8 byte offsets into its cleaned text
// (edits also into the input), so text is cut as bytes, never as JS string indices.
// Layers still to come from the library (sentences, tokens, words, entities, dates,
// quantities, quotations) are drawn when present; until the Document has sentences,
// they come from /v1/tokenize on the cleaned text.
"use strict";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
let editKinds = {};

/** A text kept as UTF-8 bytes so byte spans can cut it. */
class ByteText {
  constructor(text) {
    this.text = text;
    this.bytes = encoder.encode(text);
  }
  slice(start, end) {
    const s = Math.max(0, Math.min(start, this.bytes.length));
    const e = Math.max(s, Math.min(end, this.bytes.length));
    return decoder.decode(this.bytes.subarray(s, e));
  }
  get length() {
    return this.bytes.length;
  }
}

/** [start, end] of a span written as {start, end} or [start, end]. */
function spanOf(x) {
  if (!x) return null;
  const s = x.span ?? x;
  if (Array.isArray(s) && s.length === 2) return [s[0], s[1]];
  if (typeof s.start === "number" && typeof s.end === "number") return [s.start, s.end];
  return null;
}

/** Invisible characters shown by name, as `dabir normalize --format diff` does. */
function visible(text) {
  const names = { " ": "␣", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u00a0": "NBSP", "\t": "TAB", "\n": "LF" };
  const frag = document.createDocumentFragment();
  if (text === "") {
    frag.append(el("span", "invisible", "∅"));
    return frag;
  }
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (names[ch] && ch !== " ") {
      frag.append(el("span", "invisible", names[ch]));
    } else if (ch === " ") {
      frag.append(el("span", "invisible", "␣"));
    } else if (cp < 0x20 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
               (cp >= 0x2060 && cp <= 0x2069) || cp === 0xfeff || cp === 0x061c || cp === 0xad) {
      frag.append(el("span", "invisible", "U+" + cp.toString(16).toUpperCase().padStart(4, "0")));
    } else {
      frag.append(ch);
    }
  }
  return frag;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// One tooltip for everything with data-tip (hover or keyboard focus).
const tip = () => document.getElementById("tip");
function showTip(target) {
  const t = tip();
  t.textContent = target.dataset.tip;
  t.hidden = false;
  const r = target.getBoundingClientRect();
  const top = r.bottom + 6 + t.offsetHeight > window.innerHeight ? r.top - t.offsetHeight - 6 : r.bottom + 6;
  t.style.top = `${Math.max(0, top)}px`;
  t.style.left = `${Math.max(0, Math.min(r.left, window.innerWidth - t.offsetWidth - 4))}px`;
}
for (const type of ["mouseover", "focusin"]) {
  document.addEventListener(type, (ev) => {
    const target = ev.target.closest?.("[data-tip]");
    if (target) showTip(target);
  });
}
for (const type of ["mouseout", "focusout"]) {
  document.addEventListener(type, (ev) => {
    if (ev.target.closest?.("[data-tip]")) tip().hidden = true;
  });
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.message || `${response.status} ${response.statusText}`);
  return json;
}

/** The cleaned text with every edit marked, and the table of edits. */
function drawCleaned(doc) {
  const text = new ByteText(doc.text);
  const input = new ByteText(doc.input);
  const edits = (doc.edits || [])
    .map((e, i) => ({ e, i, out: spanOf(e.span ?? e.output), inp: spanOf(e.input_span ?? e.input) }))
    .filter((x) => x.out && x.inp)
    .sort((a, b) => a.out[0] - b.out[0] || a.out[1] - b.out[1]);
  const view = document.getElementById("cleaned");
  view.replaceChildren();
  const rows = document.querySelector("#edits tbody");
  rows.replaceChildren();
  let at = 0;
  for (const { e, i, out, inp } of edits) {
    const before = e.before ?? input.slice(inp[0], inp[1]);
    const after = e.after ?? text.slice(out[0], out[1]);
    const why = e.explain || editKinds[e.kind] || e.kind;
    if (out[0] >= at) {
      view.append(text.slice(at, out[0]));
      const mark = el("mark", "edit");
      mark.dataset.kind = e.kind;
      mark.dataset.edit = String(i);
      mark.tabIndex = 0;
      mark.dataset.tip = `${why}\n«${visibleText(before)}» ← «${visibleText(after)}»`;
      if (out[1] > out[0]) {
        mark.append(after);
      } else {
        mark.classList.add("deletion");
      }
      view.append(mark);
      at = Math.max(at, out[1]);
    }
    const row = el("tr");
    row.append(el("td", "", String(i + 1)));
    const b = el("td", "before");
    b.append(visible(before));
    const a = el("td", "after");
    a.append(visible(after));
    row.append(b, a, el("td", "kind", e.kind), el("td", "why", why));
    rows.append(row);
  }
  view.append(text.slice(at, text.length));
  document.getElementById("edit-count").textContent = `(${edits.length.toLocaleString("fa-IR")})`;
  document.getElementById("cleaned-section").hidden = false;
}

function visibleText(s) {
  const span = document.createElement("span");
  span.append(visible(s));
  return span.textContent;
}

/** The words of a token of the Document: a range into doc.words or a list. */
function wordsOfToken(doc, token) {
  const w = token.words;
  if (Array.isArray(w)) return w.map((x) => (typeof x === "number" ? doc.words?.[x] : x)).filter(Boolean);
  const r = spanOf(w);
  if (r && Array.isArray(doc.words)) return doc.words.slice(r[0], r[1]);
  return [];
}

function tokensOfSentence(doc, sentence) {
  const t = sentence.tokens;
  if (Array.isArray(t) && t.length && typeof t[0] === "object" && !Array.isArray(t[0])) {
    if (t[0].form !== undefined || t[0].span !== undefined) return t;
  }
  const r = spanOf(t);
  if (r && Array.isArray(doc.tokens)) return doc.tokens.slice(r[0], r[1]);
  return [];
}

function wordTip(text, word) {
  const form = typeof word === "string" ? word : word.form ?? (spanOf(word) ? text.slice(...spanOf(word)) : "");
  if (typeof word === "string") return form;
  const lines = [form];
  word = { ...word, ...(word.morphology || {}) };
  if (word.lemma) lines.push(`بن‌واژه: ${word.lemma}`);
  const pos = [word.upos, word.xpos].filter(Boolean).join(" / ");
  if (pos) lines.push(`نقش: ${pos}`);
  const feats = typeof word.feats === "string" ? word.feats : word.feats ? Object.entries(word.feats).map(([k, v]) => `${k}=${v}`).join("|") : "";
  if (feats && feats !== "_") lines.push(feats);
  return lines.join("\n");
}

/** Sentences with their tokens; each token shows its words' lemma and POS on hover. */
function drawSentences(doc, sentences, fromDocument) {
  const text = new ByteText(doc.text);
  const list = document.getElementById("sentences");
  list.replaceChildren();
  for (const s of sentences) {
    const li = el("li", "sentence");
    const tokens = fromDocument ? tokensOfSentence(doc, s) : s.tokens;
    for (const t of tokens) {
      const span = spanOf(t);
      const form = t.form ?? (span ? text.slice(span[0], span[1]) : "");
      const words = fromDocument ? wordsOfToken(doc, t) : t.words || [];
      const chip = el("span", "token");
      chip.tabIndex = 0;
      const kind = t.kind || "";
      if (kind && kind !== "word") chip.classList.add("punct");
      chip.append(el("span", "form", form));
      const upos = words.map((w) => w && (w.morphology?.upos ?? w.upos)).filter(Boolean);
      if (upos.length) chip.append(el("span", "pos latin", upos.join("+")));
      const tips = words.map((w) => wordTip(text, w));
      chip.dataset.tip = words.length > 1 || (words.length === 1 && typeof words[0] !== "string")
        ? tips.join("\n—\n")
        : form;
      if (kind) chip.dataset.kind = kind;
      li.append(chip);
    }
    list.append(li);
  }
  document.getElementById("sentences-section").hidden = sentences.length === 0;
}

const ENTITY_COLOURS = ["#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6", "#a0c4ff", "#ffadad"];

function entityType(e) {
  return e.kind ?? e.label ?? e.type ?? e.category ?? "entity";
}

/** The cleaned text with entities coloured by type, and a legend. */
function drawEntities(doc) {
  const entities = Array.isArray(doc.entities) ? doc.entities : [];
  const section = document.getElementById("entities-section");
  section.hidden = entities.length === 0;
  if (!entities.length) return;
  const text = new ByteText(doc.text);
  const types = [...new Set(entities.map(entityType))].sort();
  const colour = (t) => ENTITY_COLOURS[types.indexOf(t) % ENTITY_COLOURS.length];
  const legend = document.getElementById("entity-legend");
  legend.replaceChildren(...types.map((t) => {
    const s = el("span", "latin", t);
    s.style.background = colour(t);
    return s;
  }));
  const view = document.getElementById("entities");
  view.replaceChildren();
  let at = 0;
  const sorted = entities.map((e) => ({ e, s: spanOf(e) })).filter((x) => x.s).sort((a, b) => a.s[0] - b.s[0]);
  for (const { e, s } of sorted) {
    if (s[0] < at) continue;
    view.append(text.slice(at, s[0]));
    const mark = el("mark", "entity", text.slice(s[0], s[1]));
    mark.style.background = colour(entityType(e));
    mark.dataset.type = entityType(e);
    mark.dataset.tip = entityType(e);
    mark.tabIndex = 0;
    view.append(mark);
    at = s[1];
  }
  view.append(text.slice(at, text.length));
}

const FACT_LAYERS = [
  ["dates", "تاریخ‌ها"],
  ["quantities", "مقدارها"],
  ["quotations", "نقل‌قول‌ها"],
];

/** Dates, quantities and quotations, each item with its text and its values. */
function drawFacts(doc) {
  const text = new ByteText(doc.text);
  const box = document.getElementById("facts");
  box.replaceChildren();
  let any = false;
  for (const [layer, title] of FACT_LAYERS) {
    const items = Array.isArray(doc[layer]) ? doc[layer] : [];
    if (!items.length) continue;
    any = true;
    box.append(el("h3", "", title));
    const ul = el("ul", "facts-list");
    ul.id = `facts-${layer}`;
    for (const item of items) {
      const li = el("li");
      const s = spanOf(item);
      li.append(el("span", "quote", s ? text.slice(s[0], s[1]) : ""));
      const rest = Object.entries(item)
        .filter(([k]) => k !== "span")
        .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v, (key, val) => spanOf(val) && key.endsWith("span") ? text.slice(...spanOf(val)) : val) : v}`)
        .join(" · ");
      if (rest) li.append(el("span", "value latin", rest));
      ul.append(li);
    }
    box.append(ul);
  }
  document.getElementById("facts-section").hidden = !any;
}

async function analyze(ev) {
  ev?.preventDefault();
  const status = document.getElementById("status");
  const button = document.getElementById("analyze");
  const options = {
    preset: document.getElementById("preset").value,
    restore_zwnj: document.getElementById("restore_zwnj").checked,
  };
  const text = document.getElementById("input").value;
  status.className = "";
  status.textContent = "…";
  button.disabled = true;
  const started = performance.now();
  try {
    const doc = await postJson("/v1/analyze", { text, options });
    drawCleaned(doc);
    if (Array.isArray(doc.sentences)) {
      drawSentences(doc, doc.sentences, true);
    } else {
      const seg = await postJson("/v1/tokenize", { text: doc.text });
      drawSentences(doc, seg.sentences, false);
    }
    drawEntities(doc);
    drawFacts(doc);
    const ms = Math.round(performance.now() - started);
    status.textContent = `${(doc.edits || []).length.toLocaleString("fa-IR")} تغییر · ${ms.toLocaleString("fa-IR")} ms`;
    document.body.dataset.state = "done";
  } catch (err) {
    status.className = "error";
    status.textContent = err.message;
    document.body.dataset.state = "error";
  } finally {
    button.disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("form").addEventListener("submit", analyze);
  try {
    const r = await fetch("/v1/edit-kinds");
    if (r.ok) editKinds = await r.json();
  } catch (_) {
    // explanations fall back to the kind names
  }
  document.body.dataset.state = "ready";
});
