/* edureports site: the series chart, figure tooltips and table filters. No dependencies,
   no network: every page reads the data embedded in it. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var MAX_LINES = 12;
  var numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

  function fmt(value) {
    return value === null || value === undefined ? "—" : numberFormat.format(value);
  }

  function h(tag, attrs, children, ns) {
    var node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] !== null && attrs[key] !== undefined) node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function s(tag, attrs, children) {
    return h(tag, attrs, children, SVG);
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* ---- tooltip: hover shows, click pins (links inside a pinned tip can be followed) ---- */
  var tip = document.getElementById("tip");
  var pinnedBy = null;

  function showTip(content, x, y, pin, owner) {
    if (!tip || (pinnedBy && !pin)) return;
    tip.replaceChildren(content);
    tip.hidden = false;
    tip.classList.toggle("pinned", !!pin);
    pinnedBy = pin ? owner : null;
    var box = tip.getBoundingClientRect();
    var left = Math.min(x + 14, window.innerWidth - box.width - 8);
    var top = y + 14 + box.height > window.innerHeight ? y - box.height - 10 : y + 14;
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = Math.max(4, top) + "px";
  }

  function hideTip(force) {
    if (!tip || (pinnedBy && !force)) return;
    tip.hidden = true;
    pinnedBy = null;
  }

  document.addEventListener("click", function (event) {
    if (pinnedBy && !tip.contains(event.target) && event.target !== pinnedBy) hideTip(true);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTip(true);
  });

  function rows(pairs) {
    return h("table", {}, [h("tbody", {}, pairs.filter(function (p) {
      return p[1] !== null && p[1] !== undefined && p[1] !== "";
    }).map(function (p) {
      return h("tr", {}, [h("td", {}, [p[0]]), h("td", {}, [typeof p[1] === "string" ? p[1] : p[1]])]);
    }))]);
  }

  /* ---- series page ---- */
  function regionColour(index) {
    return "hsl(" + Math.round(index * 137.508) % 360 + " 62% 44%)";
  }

  function niceTicks(min, max, count) {
    if (min === max) { min = min === 0 ? 0 : min * 0.9; max = max === 0 ? 1 : max * 1.1; }
    var span = max - min;
    var step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var err = span / count / step;
    step *= err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1;
    var ticks = [];
    for (var t = Math.floor(min / step) * step; t <= max + step * 0.5; t += step) ticks.push(+t.toPrecision(12));
    if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
    return ticks;
  }

  /* a report's page from the series folder (as report_path in build.py: sharded by id) */
  function reportHref(data, id) {
    return data.reports + id.slice(0, 2) + "/" + id + ".html";
  }

  function pointTip(data, region, point) {
    var body = [rows([
      ["region", region.name + " (" + region.level + ")"],
      ["year", String(point.year)],
      ["value", fmt(point.value) + " " + point.unit],
      ["reports", String(point.n_reports)],
      ["values", point.n_values > 1 ? point.n_values + " (reports disagree)" : "1"]
    ])];
    if (point.conflicts && point.conflicts.length) {
      body.push(h("div", { "class": "sep" }));
      body.push(h("div", {}, ["conflicting values:"]));
      point.conflicts.forEach(function (c) {
        body.push(h("div", {}, [fmt(c.value) + " " + c.unit + " — ",
          h("a", { href: reportHref(data, c.report) },
            [(c.source_kind ? c.source_kind + " · " : "") + (c.report_type || "report")])]));
      });
    }
    if (point.reports && point.reports.length) {
      body.push(h("div", { "class": "sep" }));
      body.push(h("div", {}, point.reports.map(function (id, i) {
        return h("a", { href: reportHref(data, id), style: "margin-right:.6em" }, ["report " + (i + 1)]);
      })));
    }
    return h("div", {}, body);
  }

  function drawChart(figure, data, regions, legend) {
    figure.querySelectorAll("svg, .chart-note").forEach(function (n) { n.remove(); });
    legend.replaceChildren();
    var W = 900, H = 380, M = { top: 30, right: 24, bottom: 36, left: 84 };
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "class": "series-chart" });
    var points = [];
    regions.forEach(function (r) { r.points.forEach(function (p) { points.push(p); }); });
    if (!points.length) {
      svg.appendChild(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "note" },
        ["No region matches the filter."]));
      figure.appendChild(svg);
      return;
    }
    var years = points.map(function (p) { return p.year; });
    var x0 = Math.min.apply(null, years), x1 = Math.max.apply(null, years);
    if (x0 === x1) { x0 -= 1; x1 += 1; } else { x0 -= 0.3; x1 += 0.3; }
    var values = points.map(function (p) { return p.value; });
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    var yTicks = niceTicks(Math.min(0, lo), hi, 5);
    var y0 = yTicks[0], y1 = yTicks[yTicks.length - 1];
    function X(year) { return M.left + (year - x0) / (x1 - x0) * (W - M.left - M.right); }
    function Y(v) { return H - M.bottom - (v - y0) / (y1 - y0 || 1) * (H - M.top - M.bottom); }
    var grid = s("g", { "class": "grid" }), axis = s("g", { "class": "axis" });
    yTicks.forEach(function (t) {
      grid.appendChild(s("line", { x1: M.left, x2: W - M.right, y1: Y(t), y2: Y(t) }));
      axis.appendChild(s("text", { x: M.left - 8, y: Y(t) + 4, "text-anchor": "end" }, [fmt(t)]));
    });
    var step = Math.max(1, Math.ceil((x1 - x0) / 12));
    for (var yr = Math.ceil(x0); yr <= x1; yr += step) {
      axis.appendChild(s("line", { x1: X(yr), x2: X(yr), y1: H - M.bottom, y2: H - M.bottom + 5 }));
      axis.appendChild(s("text", { x: X(yr), y: H - M.bottom + 18, "text-anchor": "middle" }, [String(yr)]));
    }
    axis.appendChild(s("line", { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }));
    axis.appendChild(s("text", { x: M.left - 8, y: 16, "text-anchor": "end", "class": "unit" }, [data.unit || ""]));
    svg.appendChild(grid);
    svg.appendChild(axis);
    regions.forEach(function (region, i) {
      var colour = regionColour(region.index);
      var g = s("g", { "class": "region", "data-region": region.name, "data-level": region.level });
      var sorted = region.points.slice().sort(function (a, b) { return a.year - b.year; });
      if (sorted.length > 1) {
        g.appendChild(s("polyline", {
          "class": "line", stroke: colour,
          points: sorted.map(function (p) { return X(p.year) + "," + Y(p.value); }).join(" ")
        }));
      }
      sorted.forEach(function (p) {
        var c = s("circle", {
          "class": "point" + (p.n_values > 1 ? " conflict" : ""), r: 5, cx: X(p.year), cy: Y(p.value),
          fill: colour, tabindex: "0", "data-year": p.year, "data-value": p.value
        }, [s("title", {}, [region.name + " " + p.year + ": " + fmt(p.value) + " " + p.unit])]);
        c.addEventListener("mouseenter", function (e) { showTip(pointTip(data, region, p), e.clientX, e.clientY, false); });
        c.addEventListener("mouseleave", function () { hideTip(false); });
        c.addEventListener("click", function (e) {
          e.stopPropagation();
          showTip(pointTip(data, region, p), e.clientX, e.clientY, true, c);
        });
        g.appendChild(c);
      });
      svg.appendChild(g);
      legend.appendChild(h("span", {}, [h("span", { "class": "key", style: "background:" + colour }), region.name]));
    });
    figure.appendChild(svg);
  }

  function initSeries() {
    var data = readJson("series-data");
    var figure = document.getElementById("chart");
    if (!data || !figure) return;
    data.regions.forEach(function (r, i) { r.index = i; });
    var form = document.getElementById("series-filters");
    var shown = document.getElementById("series-shown");
    var legend = document.getElementById("chart-legend");
    var table = document.getElementById("series-table");

    function update() {
      var level = form.elements.level.value;
      var needle = form.elements.region.value.trim();
      var matching = data.regions.filter(function (r) {
        return (!level || r.level === level) && (!needle || r.name.indexOf(needle) >= 0);
      });
      var drawn = matching;
      if (matching.length > MAX_LINES) {
        drawn = matching.slice().sort(function (a, b) { return b.points.length - a.points.length; })
          .slice(0, MAX_LINES);
      }
      drawChart(figure, data, drawn, legend);
      var names = {};
      matching.forEach(function (r) { names[r.level + "\u0000" + r.name] = true; });
      var visible = 0;
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        var on = !!names[tr.dataset.level + "\u0000" + tr.dataset.region];
        tr.hidden = !on;
        if (on) visible += 1;
      });
      shown.textContent = matching.length + " of " + data.regions.length + " regions" +
        (drawn.length < matching.length ? " (chart: the " + drawn.length + " with most years)" : "") +
        "; " + visible + " rows";
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    document.getElementById("series-csv").addEventListener("click", function () {
      var lines = [["region_name", "region_level", "year", "value", "unit", "n_reports", "n_values"].join(",")];
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        if (tr.hidden) return;
        var td = tr.querySelectorAll("td");
        lines.push([td[0].textContent, td[1].textContent, td[2].textContent, td[3].dataset.value,
          td[4].textContent, td[5].textContent, td[6].textContent].map(csvCell).join(","));
      });
      download(data.code + ".csv", lines.join("\n") + "\n");
    });
    update();
  }

  function csvCell(text) {
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" }));
    var a = h("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* ---- report page: figure details on hover and click, read from the figures table ---- */
  function initReport() {
    var text = document.getElementById("report-text");
    var table = document.getElementById("figures-table");
    if (!text || !table) return;
    var names = [].map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
    var detail = document.getElementById("figure-detail");
    var detailBody = document.getElementById("figure-detail-body");

    function figureRows(index) {
      var row = document.getElementById("fig-" + index);
      return rows([].map.call(row.cells, function (td, i) { return [names[i], td.textContent]; }));
    }

    function content(mark) {
      var parts = [];
      mark.dataset.f.split(" ").forEach(function (i, n) {
        if (n) parts.push(h("div", { "class": "sep" }));
        parts.push(figureRows(i));
      });
      return h("div", {}, parts);
    }

    text.querySelectorAll("mark.fig").forEach(function (mark) {
      mark.addEventListener("mouseenter", function (e) { showTip(content(mark), e.clientX, e.clientY, false); });
      mark.addEventListener("mouseleave", function () { hideTip(false); });
      function select(e) {
        e.stopPropagation();
        text.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
        mark.classList.add("active");
        var box = mark.getBoundingClientRect();
        showTip(content(mark), e.clientX || box.left, e.clientY || box.bottom, true, mark);
        detailBody.replaceChildren(content(mark));
        detail.hidden = false;
      }
      mark.addEventListener("click", select);
      mark.addEventListener("keydown", function (e) { if (e.key === "Enter") select(e); });
    });
    if (location.hash) {
      var target = document.getElementById(location.hash.slice(1));
      if (target && target.matches("mark.fig")) target.classList.add("active");
    }
  }

  /* ---- filterable tables (quarantine) ---- */
  function initFilters() {
    var tables = {};
    document.querySelectorAll("[data-filter-table], [data-filter-text]").forEach(function (input) {
      var id = input.dataset.filterTable || input.dataset.filterText;
      (tables[id] = tables[id] || []).push(input);
    });
    Object.keys(tables).forEach(function (id) {
      var table = document.getElementById(id);
      if (!table) return;
      var counter = document.querySelector('[data-shown-for="' + id + '"]');
      function update() {
        var trs = table.querySelectorAll("tbody tr"), visible = 0;
        trs.forEach(function (tr) {
          var ok = tables[id].every(function (input) {
            var want = input.value.trim();
            if (!want) return true;
            if (input.dataset.filterColumn) {
              return tr.cells[+input.dataset.filterColumn].textContent === want;
            }
            return tr.textContent.indexOf(want) >= 0;
          });
          tr.hidden = !ok;
          if (ok) visible += 1;
        });
        if (counter) counter.textContent = visible + " of " + trs.length + " rows on this page";
      }
      tables[id].forEach(function (input) {
        input.addEventListener("input", update);
        input.addEventListener("change", update);
      });
      update();
    });
  }

  initSeries();
  initReport();
  initFilters();
  document.documentElement.dataset.ready = "1";
})();
