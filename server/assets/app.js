// clinicsim serve: the what-if page. Everything is drawn here from the
// server's JSON; nothing is fetched from anywhere else.
"use strict";

const T = {
  en: {title: "clinicsim — what if", scenario: "Scenario", language: "Language", mc: "Monte Carlo (200 draws)",
    levers: "Levers", reset: "Reset to status quo", variants: "Saved variants", save: "Save as variant",
    compare: "Compare saved", csv: "Download variants.csv", html: "Download report (HTML)", xlsx: "Download workbook (XLSX)",
    dashboard: "Targets", indicator: "Indicator", region: "Region", target: "Target", base: "Base",
    projected: "Projected", verdict: "Verdict", prob: "P(met)", charts: "Trajectories",
    met: "met", missed: "not met", scheduled: "trend only", nodata: "no data", from: "from",
    running: "running…", ready: "updated in", nolevers: "This scenario declares no levers (it has no variants.csv).",
    tally: (t) => `Modelled targets: ${t.ModelledMet} met, ${t.ModelledMissed} not met; trend only: ${t.ScheduledMet + t.ScheduledMissed}; no data: ${t.NoData}.`,
    rank: "Rank", variant: "Variant", metn: "Targets met", cost: "Cost (10,000 yuan)", perTarget: "Per target met",
    projection: "projection", observed: "observed", targetl: "target", first: "first met", remove: "remove", nosaved: "Save at least one variant first."},
  zh: {title: "clinicsim — 政策推演", scenario: "情景", language: "语言", mc: "蒙特卡洛模拟（200次）",
    levers: "政策杠杆", reset: "恢复现状", variants: "已保存方案", save: "保存为方案",
    compare: "比较已保存方案", csv: "下载 variants.csv", html: "下载报告（HTML）", xlsx: "下载工作簿（XLSX）",
    dashboard: "目标一览", indicator: "指标", region: "地区", target: "目标", base: "基年值",
    projected: "预测值", verdict: "判定", prob: "达成概率", charts: "指标轨迹",
    met: "达成", missed: "未达成", scheduled: "仅延续趋势", nodata: "无数据", from: "起始年",
    running: "计算中…", ready: "已更新，用时", nolevers: "此情景未声明政策杠杆（没有 variants.csv）。",
    tally: (t) => `模型指标：达成 ${t.ModelledMet} 项，未达成 ${t.ModelledMissed} 项；仅延续趋势 ${t.ScheduledMet + t.ScheduledMissed} 项；无数据 ${t.NoData} 项。`,
    rank: "排名", variant: "方案", metn: "达成目标数", cost: "成本（万元）", perTarget: "每达成一项成本",
    projection: "预测", observed: "实际值", targetl: "目标", first: "首次达成", remove: "删除", nosaved: "请先保存至少一个方案。"},
};

const $ = (id) => document.getElementById(id);
let scen = null;        // the scenario's description and levers
let settings = {};      // lever id -> {value, year}
let saved = [];         // [{name, settings}]
let seq = 0;            // the latest request; older answers are dropped

function lang() { return $("lang").value; }
function t(k) { return T[lang()][k]; }

function translate() {
  document.documentElement.lang = lang() === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
}

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
}

function status(msg, err) {
  const s = $("status");
  s.textContent = msg;
  s.className = err ? "error" : "";
}

async function post(path, body) {
  const r = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  if (!r.ok) {
    let msg = r.statusText;
    try { msg = (await r.json()).error; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return r;
}

async function loadScenario() {
  const r = await fetch("/api/scenario?name=" + encodeURIComponent($("scenario").value));
  scen = await r.json();
  settings = {};
  try { saved = JSON.parse(localStorage.getItem(storeKey()) || "[]"); } catch (e) { saved = []; }
  drawLevers();
  drawSaved();
  $("comparison").textContent = "";
  rerun();
}

function drawLevers() {
  const box = $("levers");
  box.textContent = "";
  if (!scen.levers || scen.levers.length === 0) { box.append(el("p", {}, t("nolevers"))); return; }
  for (const l of scen.levers) {
    const cur = settings[l.id] || {value: l.value, year: l.year};
    const dims = [l.tier, l.cadre, l.region].filter(Boolean).join(" · ");
    const range = el("input", {type: "range", min: l.min, max: l.max, step: l.step, value: cur.value, id: "r-" + l.id, "data-lever": l.id});
    const num = el("input", {type: "number", min: l.min, max: l.max, step: "any", value: cur.value, id: "n-" + l.id});
    const year = el("select", {id: "y-" + l.id, title: t("from")});
    for (let y = scen.base_year; y <= scen.horizon; y++) {
      const o = el("option", {value: y}, String(y));
      if (y === cur.year) o.selected = true;
      year.append(o);
    }
    const changed = (v) => {
      settings[l.id] = {value: Number(v), year: Number(year.value)};
      range.value = v; num.value = v;
      rerun();
    };
    range.addEventListener("input", () => changed(range.value));
    num.addEventListener("change", () => changed(num.value));
    year.addEventListener("change", () => changed(num.value));
    box.append(el("div", {class: "lever"},
      el("label", {for: "r-" + l.id}, lang() === "zh" && l.name_zh ? `${l.name_zh}（${l.unit_zh || l.unit}）` : `${l.key}${dims ? " (" + dims + ")" : ""} [${l.unit}]`),
      el("div", {class: "row"}, range, num, year),
      el("div", {class: "doc"}, (lang() === "zh" ? `${l.key}${dims ? " (" + dims + ")" : ""}: ` : "") + `${l.doc} — ${l.min}…${l.max}`)));
  }
}

let timer = null;
function rerun() {
  clearTimeout(timer);
  timer = setTimeout(run, 60);
}

function body() {
  return {scenario: scen.name, settings: settings, draws: $("mc").checked ? 200 : 0, lang: lang()};
}

async function run() {
  const my = ++seq;
  const t0 = performance.now();
  status(t("running"));
  try {
    const r = await post("/api/run", body());
    const v = await r.json();
    if (my !== seq) return;
    drawResults(v);
    status(`${t("ready")} ${Math.round(performance.now() - t0)} ms`);
    document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
  } catch (e) {
    if (my === seq) status(e.message, true);
  }
}

function fmt(x, d) { return x === null || x === undefined ? "–" : Number(x).toFixed(d); }

function drawResults(v) {
  $("tally").textContent = t("tally")(v.tally);
  const tb = document.querySelector("#dashboard tbody");
  tb.textContent = "";
  v.verdicts.forEach((d, i) => {
    const badge = el("span", {class: "badge " + d.status}, t(d.status) + (d.status === "missed" && d.first_year_met ? ` (${t("first")} ${d.first_year_met})` : ""));
    tb.append(el("tr", {id: "v-" + i, "data-status": d.status},
      el("td", {}, d.name), el("td", {}, d.region), el("td", {}, d.target),
      el("td", {class: "num"}, fmt(d.base, d.decimals)), el("td", {class: "num"}, fmt(d.projected, d.decimals)),
      el("td", {}, badge), el("td", {class: "num"}, d.probability === null || d.probability === undefined ? "" : Math.round(100 * d.probability) + "%")));
  });
  const box = $("charts");
  box.textContent = "";
  v.charts.forEach((c, i) => box.append(el("div", {class: "chart", id: "chart-" + i}, el("h3", {}, `${c.name} · ${c.region} (${c.unit})`), chart(c))));
}

// chart draws a trajectory as SVG: the projection (with its P5–P95 band
// after a Monte Carlo run), the observed values and the targets.
function chart(c) {
  const W = 420, H = 220, L = 48, R = 10, Tp = 10, B = 28;
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("role", "img");
  const ys = [];
  const add = (a) => a && a.forEach((x) => { if (x !== null) ys.push(x); });
  add(c.projected); add(c.p5); add(c.p95);
  c.observed.forEach((o) => ys.push(o[1])); c.targets.forEach((o) => ys.push(o[1]));
  if (ys.length === 0) return svg;
  let lo = Math.min(...ys), hi = Math.max(...ys);
  if (lo > 0 && lo < hi * 0.5) lo = 0;
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
  lo -= pad; hi += pad;
  const x0 = Math.min(c.years[0], ...c.observed.map((o) => o[0])), x1 = c.years[c.years.length - 1];
  const X = (x) => L + (x - x0) / Math.max(1, x1 - x0) * (W - L - R);
  const Y = (y) => Tp + (hi - y) / (hi - lo) * (H - Tp - B);
  const mk = (tag, attrs) => { const e = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); svg.append(e); return e; };
  for (let i = 0; i <= 4; i++) {
    const y = lo + (hi - lo) * i / 4;
    mk("line", {x1: L, x2: W - R, y1: Y(y), y2: Y(y), stroke: "#ddd"});
    mk("text", {x: L - 4, y: Y(y) + 4, "text-anchor": "end", "font-size": 10}).textContent = Number(y.toPrecision(3));
  }
  for (let x = x0; x <= x1; x++) if ((x - x0) % 2 === 0) mk("text", {x: X(x), y: H - 10, "text-anchor": "middle", "font-size": 10}).textContent = x;
  const path = (xs, vs) => { let d = ""; vs.forEach((v, i) => { if (v !== null) d += (d ? "L" : "M") + X(xs[i]).toFixed(1) + "," + Y(v).toFixed(1); }); return d; };
  if (c.p5 && c.p95) {
    let d = path(c.years, c.p95);
    const back = c.years.map((x, i) => [x, c.p5[i]]).reverse().filter((p) => p[1] !== null);
    back.forEach((p) => { d += "L" + X(p[0]).toFixed(1) + "," + Y(p[1]).toFixed(1); });
    mk("path", {d: d + "Z", fill: "#0072B2", "fill-opacity": 0.18, stroke: "none", class: "band"});
  }
  mk("path", {d: path(c.years, c.projected), fill: "none", stroke: "#0072B2", "stroke-width": 2, "stroke-dasharray": c.modelled ? "" : "5,3", class: "projection"});
  c.observed.forEach((o) => mk("circle", {cx: X(o[0]), cy: Y(o[1]), r: 3, fill: "#000"}));
  c.targets.forEach((o) => {
    mk("line", {x1: X(o[0]) - 8, x2: X(o[0]) + 8, y1: Y(o[1]), y2: Y(o[1]), stroke: "#D55E00", "stroke-width": 3});
    mk("text", {x: X(o[0]), y: Y(o[1]) - 5, "text-anchor": "middle", "font-size": 10, fill: "#D55E00"}).textContent = t("targetl") + " " + o[1];
  });
  return svg;
}

// Saved variants stay in this browser (per scenario) across reloads; the
// server keeps nothing.
function storeKey() { return "clinicsim-saved:" + scen.name; }
function keep() { try { localStorage.setItem(storeKey(), JSON.stringify(saved)); } catch (e) { /* private mode */ } }

function drawSaved() {
  const ul = $("saved");
  ul.textContent = "";
  saved.forEach((s, i) => {
    const rm = el("button", {}, t("remove"));
    rm.addEventListener("click", () => { saved.splice(i, 1); keep(); drawSaved(); });
    ul.append(el("li", {}, s.name + " ", rm));
  });
}

function save() {
  const name = $("vname").value.trim() || `variant ${saved.length + 1}`;
  saved = saved.filter((s) => s.name !== name);
  saved.push({name: name, settings: JSON.parse(JSON.stringify(settings))});
  $("vname").value = "";
  keep();
  drawSaved();
}

async function compare() {
  if (saved.length === 0) { status(t("nosaved"), true); return; }
  try {
    const r = await post("/api/compare", {scenario: scen.name, variants: saved, draws: $("mc").checked ? 200 : 0, lang: lang()});
    const v = await r.json();
    const head = el("tr", {}, el("th", {}, t("rank")), el("th", {}, t("variant")), el("th", {}, t("metn")), el("th", {}, t("cost")), el("th", {}, t("perTarget")), ...v.targets.map((x) => el("th", {}, x)));
    const rows = v.rows.map((r) => el("tr", {class: "cmp-row"}, el("td", {}, String(r.rank)), el("td", {}, r.variant), el("td", {class: "num"}, fmt(r.met, v.draws ? 2 : 0)),
      el("td", {class: "num"}, fmt(r.cost, 0)), el("td", {class: "num"}, fmt(r.cost_per_target, 0)), ...r.values.map((x) => el("td", {class: "num"}, fmt(x, 2)))));
    const box = $("comparison");
    box.textContent = "";
    box.append(el("table", {id: "cmp"}, el("thead", {}, head), el("tbody", {}, ...rows)));
  } catch (e) { status(e.message, true); }
}

async function download(path, payload, filename) {
  try {
    const r = await post(path, payload);
    const blob = await r.blob();
    const a = el("a", {href: URL.createObjectURL(blob), download: filename});
    document.body.append(a); a.click(); a.remove();
  } catch (e) { status(e.message, true); }
}

$("scenario").addEventListener("change", loadScenario);
$("lang").addEventListener("change", () => { translate(); drawLevers(); drawSaved(); rerun(); if ($("cmp")) compare(); });
$("mc").addEventListener("change", rerun);
$("reset").addEventListener("click", () => { settings = {}; drawLevers(); rerun(); });
$("save").addEventListener("click", save);
$("compare").addEventListener("click", compare);
$("csv").addEventListener("click", () => {
  if (saved.length === 0) { status(t("nosaved"), true); return; }
  download("/api/variants.csv", {scenario: scen.name, variants: saved}, "variants.csv");
});
$("html").addEventListener("click", () => download("/api/report?format=html", body(), scen.name + "-report.html"));
$("xlsx").addEventListener("click", () => download("/api/report?format=xlsx", body(), scen.name + "-report.xlsx"));
translate();
loadScenario();
