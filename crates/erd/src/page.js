// refract erd's page: search (highlights the models whose name holds the text, and their neighbours),
// a model's fields on click, zoom. Reads `#q=Name` / `?q=Name` and `#model=Name` / `?model=Name`.
(function () {
  "use strict";
  var errors = document.getElementById("errors");
  window.addEventListener("error", function (e) {
    errors.hidden = false;
    errors.textContent += (e.message || String(e)) + "\n";
    document.body.setAttribute("data-errors", "true");
  });
  var data = JSON.parse(document.getElementById("erd-data").textContent);
  var byName = {};
  data.models.forEach(function (m) { byName[m.name] = m; });
  var groups = {};
  Array.prototype.forEach.call(document.querySelectorAll("svg .model"), function (g) {
    groups[g.getAttribute("data-model")] = g;
  });
  var edges = Array.prototype.slice.call(document.querySelectorAll("svg .rel"));
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var count = document.getElementById("count");
  var details = document.getElementById("details");

  function neighbours(name) {
    var g = groups[name];
    var list = g ? g.getAttribute("data-neighbours") : "";
    return list ? list.split(" ") : [];
  }

  function run(query) {
    var q = query.trim().toLowerCase();
    results.textContent = "";
    var hits = {}, shown = {}, nHits = 0, nShown = 0;
    if (q) {
      data.models.forEach(function (m) {
        if (m.name.toLowerCase().indexOf(q) >= 0 || m.table.toLowerCase().indexOf(q) >= 0) {
          hits[m.name] = true;
          nHits++;
        }
      });
      Object.keys(hits).forEach(function (name) {
        shown[name] = true;
        neighbours(name).forEach(function (n) { shown[n] = true; });
      });
    }
    Object.keys(groups).forEach(function (name) {
      var g = groups[name];
      g.classList.toggle("hit", !!hits[name]);
      g.classList.toggle("near", !!shown[name] && !hits[name]);
      g.classList.toggle("dim", !!q && !shown[name]);
      if (!q || shown[name]) nShown++;
    });
    edges.forEach(function (e) {
      var p = e.getAttribute("data-parent"), c = e.getAttribute("data-child");
      var lit = !!q && (hits[p] || hits[c]) && shown[p] && shown[c];
      e.classList.toggle("lit", !!lit);
      e.classList.toggle("dim", !!q && !lit);
    });
    Object.keys(hits).forEach(function (name) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#model=" + encodeURIComponent(name);
      a.textContent = name;
      a.addEventListener("click", function (ev) { ev.preventDefault(); show(name, true); });
      li.appendChild(a);
      var near = neighbours(name).filter(function (n) { return !hits[n]; });
      if (near.length) {
        var span = document.createElement("span");
        span.className = "near-list";
        span.textContent = " + " + near.join(", ");
        li.appendChild(span);
      }
      results.appendChild(li);
    });
    document.body.setAttribute("data-hits", String(nHits));
    document.body.setAttribute("data-shown", String(nShown));
    count.textContent = q ? nHits + " found, " + nShown + " of " + data.models.length + " shown" : data.models.length + " models";
    var first = Object.keys(hits)[0];
    if (first && groups[first] && groups[first].scrollIntoView) {
      groups[first].scrollIntoView({ block: "center", inline: "center" });
    }
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
  }

  function show(name, scroll) {
    var m = byName[name];
    if (!m) return;
    Object.keys(groups).forEach(function (n) { groups[n].classList.toggle("selected", n === name); });
    details.hidden = false;
    details.textContent = "";
    details.setAttribute("data-model", name);
    var h = document.createElement("h2");
    h.textContent = name + (m.view ? " (view)" : "");
    details.appendChild(h);
    var sub = document.createElement("p");
    sub.className = "table-name";
    sub.textContent = "table " + (m.namespace ? m.namespace + "." : "") + m.table;
    details.appendChild(sub);
    if (m.comment) {
      var c = document.createElement("p");
      c.textContent = m.comment;
      details.appendChild(c);
    }
    var table = document.createElement("table");
    table.className = "fields";
    m.fields.forEach(function (f) {
      var tr = document.createElement("tr");
      tr.className = "field";
      cell(tr, f.keys.join(" "), "key");
      cell(tr, f.name, "name");
      cell(tr, f.type, "type");
      cell(tr, f.sql, "sql");
      table.appendChild(tr);
    });
    details.appendChild(table);
    if (m.relations.length) {
      var h3 = document.createElement("h3");
      h3.textContent = "Relations";
      details.appendChild(h3);
      var ul = document.createElement("ul");
      m.relations.forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#model=" + encodeURIComponent(r.model);
        a.textContent = r.model;
        a.addEventListener("click", function (ev) { ev.preventDefault(); show(r.model, true); });
        li.appendChild(document.createTextNode(r.text + " "));
        li.appendChild(a);
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    if (scroll && groups[name] && groups[name].scrollIntoView) {
      groups[name].scrollIntoView({ block: "center", inline: "center" });
    }
  }

  Object.keys(groups).forEach(function (name) {
    groups[name].addEventListener("click", function () { show(name, false); });
  });
  search.addEventListener("input", function () { run(search.value); });

  var scale = 1;
  var svg = document.querySelector("#canvas svg");
  var w = svg.getAttribute("width"), hgt = svg.getAttribute("height");
  function zoom(z) {
    scale = Math.max(0.05, Math.min(4, z));
    svg.setAttribute("width", String(w * scale));
    svg.setAttribute("height", String(hgt * scale));
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(scale * 1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(scale / 1.25); });
  document.getElementById("zoom-fit").addEventListener("click", function () {
    var box = document.getElementById("canvas");
    zoom(Math.min(box.clientWidth / w, box.clientHeight / hgt));
  });

  function param(name) {
    var re = new RegExp("[#?&]" + name + "=([^&#]*)");
    var m = re.exec(location.hash) || re.exec(location.search);
    return m ? decodeURIComponent(m[1].replace(/\+/g, " ")) : null;
  }
  var q = param("q");
  if (q !== null) {
    search.value = q;
  }
  run(search.value);
  var model = param("model");
  if (model !== null) show(model, true);
  document.body.setAttribute("data-ready", "true");
})();
