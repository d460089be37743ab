// The zeren workbench: edit a layer of implementing rules and a case side by side; as you type,
// the layer is checked and the case decided under it (POST /v1/workbench), and the decision, its
// legal argument, the what-ifs, the coverage of the layer by the cases and its gaps are shown.
// No build step and nothing fetched from elsewhere: this file is served from the binary.
"use strict";

const WORDS = {
  zh: {
    title: "zeren 工作台", layer: "实施细则（规则层）", case: "案件事实或场景（YAML）",
    decision: "处理意见与理由", articles: "条文", coverage: "覆盖", gaps: "未作规定的情形",
    checking: "正在检查……", ready: "已更新", failed: "服务无响应",
    line: (l, c) => `第 ${l} 行第 ${c} 列`, help: "建议：",
    layerOk: "规则层检查通过。", layerBad: "规则层有问题，以下按全国办法单独作出：",
    caseBad: "案件事实有误，未作出处理意见。", noCase: "请在左侧填写案件事实。",
    accountable: "应当追究责任", notAccountable: "不追究责任", undetermined: "尚待确定",
    covered: (a, b) => `案件覆盖了本规则层 ${a} / ${b} 项`, item: "项目", kind: "类别", yes: "已覆盖", no: "未覆盖",
    kinds: { provision: "条款", exception: "例外", value: "处理等级" },
    noLayer: "未加载规则层。", gapsWait: "正在分析……",
    passed: "通过", failed: "未通过", scenariosRun: (p, n) => `场景 ${n} 个，通过 ${p} 个`,
  },
  en: {
    title: "zeren workbench", layer: "Implementing rules (layer)", case: "Case facts or scenarios (YAML)",
    decision: "Decision and reasons", articles: "Articles", coverage: "Coverage", gaps: "Gaps",
    checking: "checking…", ready: "up to date", failed: "the service does not answer",
    line: (l, c) => `line ${l}, column ${c}`, help: "help: ",
    layerOk: "The layer checks.", layerBad: "The layer has problems; decided under the national measures alone:",
    caseBad: "The case has problems; nothing is decided.", noCase: "Write the case facts on the left.",
    accountable: "accountable", notAccountable: "not accountable", undetermined: "undetermined",
    covered: (a, b) => `The cases exercise ${a} of ${b} items of the layer`, item: "Item", kind: "Kind", yes: "covered", no: "not covered",
    kinds: { provision: "provision", exception: "exception", value: "rung" },
    noLayer: "No layer loaded.", gapsWait: "analysing…",
    passed: "passed", failed: "failed", scenariosRun: (p, n) => `${p} of ${n} scenarios passed`,
  },
};

const KEYWORDS = new Set(("above add_months add_years all and any applies article at below chapter cite clause complete " +
  "conclusion count dated_by days decision define down each effective en enum exception extend extends fact false finding " +
  "fixed holidays if in include interview issuer issuers item kind layer layer_by least let list max measures members min " +
  "nonempty not of open optional or paragraph part pinned present record rule scale selected_by set since text text_only " +
  "then this title to true unique until up when where workdays working_days zh").split(" "));

const $ = (id) => document.getElementById(id);
let lang = "zh";
let last = null;
let timer = null;
let serial = 0;
let articles = null;

function esc(s) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
}

// The index in a JS string (UTF-16) of a 1-based line and column counted in characters.
function indexOf(text, line, column) {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const n = text.indexOf("\n", at);
    if (n < 0) return text.length;
    at = n + 1;
  }
  let c = 1;
  while (c < column && at < text.length && text[at] !== "\n") {
    at += text.codePointAt(at) > 0xffff ? 2 : 1;
    c++;
  }
  return at;
}

// Tokens of a policy text: comments, strings, numbers and dates, keywords.
function policyTokens(text) {
  const out = [];
  const re = /(\/\/[^\n]*)|("(?:[^"\\\n]|\\.)*"?)|(\b\d{4}-\d{2}-\d{2}\b|\b\d+(?:\.\d+)*\b)|([A-Za-z_][A-Za-z0-9_]*)/g;
  let m;
  while ((m = re.exec(text))) {
    const cls = m[1] ? "com" : m[2] ? "str" : m[3] ? "num" : KEYWORDS.has(m[4]) ? "kw" : null;
    if (cls) out.push([m.index, m.index + m[0].length, cls]);
  }
  return out;
}

// Tokens of a YAML case: comments, keys, scalars that are numbers or dates.
function yamlTokens(text) {
  const out = [];
  const re = /(#[^\n]*)|^(\s*-?\s*)([A-Za-z_][A-Za-z0-9_]*)(?=\s*:)|(\b\d{4}-\d{2}-\d{2}\b|\b\d+\b)/gm;
  let m;
  while ((m = re.exec(text))) {
    if (m[1]) out.push([m.index, m.index + m[1].length, "com"]);
    else if (m[3]) { const s = m.index + m[2].length; out.push([s, s + m[3].length, "key"]); }
    else if (m[4]) out.push([m.index, m.index + m[4].length, "num"]);
  }
  return out;
}

// The text as HTML: tokens coloured, the ranges of problems underlined.
function paint(text, tokens, bad) {
  const marks = new Array(text.length + 1).fill(null);
  const isBad = new Uint8Array(text.length + 1);
  for (const [s, e, cls] of tokens) for (let i = s; i < e; i++) marks[i] = cls;
  for (const [s, e] of bad) for (let i = s; i < Math.max(e, s + 1) && i <= text.length; i++) isBad[i] = 1;
  let html = "";
  let i = 0;
  while (i < text.length) {
    let j = i + 1;
    while (j < text.length && marks[j] === marks[i] && isBad[j] === isBad[i]) j++;
    const cls = [marks[i], isBad[i] ? "bad" : null].filter(Boolean).join(" ");
    const part = esc(text.slice(i, j));
    html += cls ? `<span class="${cls}">${part}</span>` : part;
    i = j;
  }
  if (isBad[text.length]) html += '<span class="bad"> </span>';
  return html + "\n";
}

function ranges(text, problems) {
  const out = [];
  for (const p of problems || []) {
    for (const l of p.labels || []) {
      if (!l.line) continue;
      out.push([indexOf(text, l.line, l.column), indexOf(text, l.end_line, l.end_column)]);
    }
  }
  return out;
}

let layerBad = [];
let caseBad = [];
function repaint() {
  const layer = $("layer").value;
  const kase = $("case").value;
  $("layer-view").innerHTML = paint(layer, policyTokens(layer), ranges(layer, layerBad));
  $("case-view").innerHTML = paint(kase, yamlTokens(kase), ranges(kase, caseBad));
}

function listProblems(el, problems, editor) {
  const w = WORDS[lang];
  el.innerHTML = "";
  for (const p of problems) {
    const li = document.createElement("li");
    if (p.severity === "warning") li.className = "warning";
    const at = p.line ? `<span class="at">${esc(w.line(p.line, p.column))}</span>` : "";
    const help = p.help ? `<span class="help">${esc(w.help + p.help)}</span>` : "";
    li.innerHTML = `${at}${esc(p.message)}${help}`;
    if (p.line) li.onclick = () => { const t = $(editor); const i = indexOf(t.value, p.line, p.column); t.focus(); t.setSelectionRange(i, i); };
    el.appendChild(li);
  }
}

function pills(d) {
  const w = WORDS[lang];
  const out = [];
  if (d.accountable === true) out.push(`<span class="pill">${w.accountable}</span>`);
  else if (d.accountable === false) out.push(`<span class="pill none">${w.notAccountable}</span>`);
  else out.push(`<span class="pill none">${w.undetermined}</span>`);
  return out.join("");
}

function showDecisions(r) {
  const w = WORDS[lang];
  const box = $("decisions");
  let html = "";
  if (r.case_problems && r.case_problems.length) html += `<p class="no">${esc(w.caseBad)}</p>`;
  else if (!r.check.ok || r.under_layer === false) html += `<p class="no">${esc(w.layerBad)}</p>`;
  if (Array.isArray(r.scenarios)) {
    const passed = r.scenarios.filter((x) => x.passed).length;
    html += `<p class="scenarios-summary">${esc(w.scenariosRun(passed, r.scenarios.length))}</p>`;
    for (const x of r.scenarios) {
      const notes = [...x.failures, ...x.errors.map((e) => e.message)].map((f) => `<li>${esc(f)}</li>`).join("");
      html += `<div class="decision scenario ${x.passed ? "yes" : "no"}"><strong>${x.passed ? "✓" : "✗"} ${esc(x.name)}</strong> — ${x.passed ? w.passed : w.failed}${notes ? `<ul>${notes}</ul>` : ""}</div>`;
    }
  }
  for (const d of r.decisions || []) {
    html += `<div class="decision"><div class="summary">${pills(d.decision)}</div><pre class="text">${esc(d.text)}</pre></div>`;
  }
  if (!(r.decisions || []).length && !(r.case_problems || []).length && !Array.isArray(r.scenarios)) html += `<p>${esc(w.noCase)}</p>`;
  box.innerHTML = html;
}

function showCoverage(r) {
  const w = WORDS[lang];
  const c = r.coverage || { items: [] };
  if (!c.items.length) { $("coverage").innerHTML = `<p>${esc(w.noLayer)}</p>`; return; }
  let html = `<p>${esc(w.covered(c.covered, c.of))}</p><table><tr><th>${w.kind}</th><th>${w.item}</th><th></th></tr>`;
  for (const i of c.items) {
    html += `<tr><td>${esc(w.kinds[i.kind] || i.kind)}</td><td>${esc(i.id)}</td><td class="${i.covered ? "yes" : "no"}">${i.covered ? w.yes : w.no}</td></tr>`;
  }
  $("coverage").innerHTML = html + "</table>";
}

async function showArticles() {
  if (!articles) {
    const r = await fetch("/v1/articles");
    articles = await r.json();
  }
  let html = "";
  for (const p of articles.provisions) {
    const t = p.text ? (lang === "en" && p.text.en ? p.text.en : p.text.zh) : "";
    if (!t) continue;
    const layer = p.layer !== articles.provisions[0].layer ? " layer" : "";
    html += `<div class="article${layer}"><span class="id">${esc(p.id)}</span>${esc(t)}</div>`;
  }
  $("articles").innerHTML = html;
}

async function update() {
  const my = ++serial;
  const w = WORDS[lang];
  $("status").textContent = w.checking;
  const gaps = document.querySelector('.tabs button.on').dataset.tab === "gaps";
  if (gaps) $("gaps").textContent = w.gapsWait;
  try {
    const res = await fetch("/v1/workbench", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ layer: $("layer").value, case: $("case").value, lang, gaps }),
    });
    const r = await res.json();
    if (my !== serial) return;
    if (!res.ok) { $("status").textContent = r.error ? r.error.message : w.failed; return; }
    last = r;
    layerBad = r.check.diagnostics || [];
    caseBad = r.case_problems || [];
    listProblems($("layer-problems"), layerBad, "layer");
    listProblems($("case-problems"), caseBad, "case");
    repaint();
    showDecisions(r);
    showCoverage(r);
    if (gaps) $("gaps").textContent = r.gaps || "";
    $("status").textContent = w.ready;
    document.body.dataset.serial = String(my);
  } catch (e) {
    if (my === serial) $("status").textContent = w.failed;
  }
}

function later() {
  repaint();
  clearTimeout(timer);
  timer = setTimeout(update, 300);
}

function setLang(l) {
  lang = l;
  document.documentElement.lang = l === "zh" ? "zh-CN" : "en";
  for (const b of document.querySelectorAll("header nav button")) b.classList.toggle("on", b.dataset.lang === l);
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = WORDS[l][el.dataset.t];
  document.title = WORDS[l].title;
  if (document.querySelector('.tabs button.on').dataset.tab === "articles") showArticles();
  update();
}

function syncScroll(t, v) {
  t.addEventListener("scroll", () => { v.parentElement.scrollTop = t.scrollTop; v.parentElement.scrollLeft = t.scrollLeft; });
}

async function start() {
  for (const id of ["layer", "case"]) {
    $(id).addEventListener("input", later);
    syncScroll($(id), $(id + "-view"));
  }
  for (const b of document.querySelectorAll("header nav button")) b.onclick = () => setLang(b.dataset.lang);
  for (const b of document.querySelectorAll(".tabs button")) {
    b.onclick = () => {
      for (const x of document.querySelectorAll(".tabs button")) x.classList.toggle("on", x === b);
      for (const t of document.querySelectorAll(".tab")) t.classList.toggle("on", t.id === "tab-" + b.dataset.tab);
      if (b.dataset.tab === "articles") showArticles();
      if (b.dataset.tab === "gaps") update();
    };
  }
  const r = await (await fetch("/v1/workbench/start")).json();
  $("layer").value = r.layer.text;
  $("layer-name").textContent = r.layer.name;
  $("case").value = r.case;
  repaint();
  update();
}

start();
