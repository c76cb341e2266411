// The timeline band on the home page: zoom, pan, keyboard and a URL that keeps the view. The server draws the band as
// a static SVG (events/bands.py) and hands its events over as JSON; this redraws it at the size of the screen, with
// the same layout. The view and the selected event live in the URL's fragment (#view=1999-01-01..2004-12-31&event=x),
// which the page cache never sees. In a file of its own, so that the Content-Security-Policy can forbid inline code.
(function () {
  "use strict";
  const figure = document.querySelector("figure.band");
  const source = document.getElementById("band-data");
  const holder = figure && figure.querySelector(".band-scroll");
  if (!holder || !source || !window.history.pushState) {
    return;
  }
  const data = JSON.parse(source.textContent);
  const NS = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const HEIGHT = 124, AXIS_Y = 100, LEFT = 8, RIGHT = 8, LABEL_Y = [11, 24];
  const KEY = [28, 14], POINT = [46, 12], CLUSTER = [44, 16], LANE_TOP = 66, LANE_STEP = 10, LANE_HEIGHT = 8;
  const LANES = 3, WIDE = 14, GAP = 3, CLUSTER_MIN = 16, POINT_MAX = 8, CHAR = 6.6, MIN_SPAN = 28;
  const toDay = (iso) => { const p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY; };
  const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
  const lang = document.documentElement.lang || "en";
  const monthYear = new Intl.DateTimeFormat(lang, {timeZone: "UTC", month: "long", year: "numeric"});
  const shortMonth = new Intl.DateTimeFormat(lang, {timeZone: "UTC", month: "short"});
  const events = data.events.map((e, index) => Object.assign({}, e, {index, a: toDay(e.first), b: toDay(e.last) + 1}));
  const bySlug = new Map(events.map((e) => [e.slug, e]));
  const years = new Map(data.years);
  const most = Math.max(1, ...data.years.map(([, count]) => count));
  const extent = [toDay(data.first), toDay(data.last) + 1];
  const state = {from: extent[0], to: extent[1], active: -1};
  let layoutNow = {shapes: [], x: null};

  const tools = figure.querySelector(".band-tools");
  const spanLabel = figure.querySelector(".band-span");
  const readout = figure.querySelector(".band-readout");
  const view = holder;
  view.className = "band-view";
  view.setAttribute("role", "application");
  view.setAttribute("aria-label", view.dataset.label);
  view.setAttribute("aria-describedby", "band-caption");
  tools.hidden = false;
  readout.hidden = false;

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const key in attrs) {
      node.setAttribute(key, attrs[key]);
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function clamp(from, to) {
    const span = Math.min(Math.max(to - from, MIN_SPAN), extent[1] - extent[0]);
    from = Math.min(Math.max(from, extent[0]), extent[1] - span);
    return [from, from + span];
  }

  function setView(from, to) {
    [state.from, state.to] = clamp(from, to);
    render();
  }

  function width() {
    return Math.max(view.clientWidth, 200);
  }

  // As events/bands.py's layout(): periods in lanes, points on their track, points too close together in clusters.
  function layout(x) {
    const periods = [], points = [], clusters = [], lanesEnd = new Array(LANES).fill(-Infinity);
    const visible = events.filter((e) => e.b >= state.from && e.a <= state.to).sort((p, q) => p.a - q.a);
    for (const e of visible) {
      let left = x(e.a);
      const shape = {x: left, width: Math.max(x(e.b) - left, 3), events: [e]};
      if (e.kind === "point" && shape.width > POINT_MAX) {  // a day, however close: a mark of its own
        shape.x = left = left + (shape.width - POINT_MAX) / 2;
        shape.width = POINT_MAX;
      }
      if (shape.width > WIDE) {
        shape.lane = lanesEnd.findIndex((edge) => edge < left);
        if (shape.lane < 0) {
          shape.lane = LANES - 1;
        }
        lanesEnd[shape.lane] = left + shape.width + 1;
        periods.push(shape);
      } else if (e.key) {
        points.push(shape);
      } else {
        const last = clusters[clusters.length - 1];
        if (last && left <= last.x + Math.max(last.width, last.events.length > 1 ? CLUSTER_MIN : 0) + GAP) {
          last.width = Math.max(last.width, left + shape.width - last.x);
          last.events.push(e);
        } else {
          clusters.push(shape);
        }
      }
    }
    for (const shape of clusters) {
      if (shape.events.length === 1) {
        points.push(shape);
      } else {
        shape.cluster = true;
        shape.width = Math.max(shape.width, CLUSTER_MIN);
      }
    }
    return {periods, points, clusters: clusters.filter((shape) => shape.cluster)};
  }

  // As events/band_svg.py's short_title().
  function shortTitle(title) {
    return title.length <= 32 ? title : `${title.slice(0, 31).trimEnd()}…`;
  }

  function placeLabels(shapes, w) {
    const ends = LABEL_Y.map(() => LEFT - 1);
    for (const shape of shapes.slice().sort((p, q) => (q.events[0].key - p.events[0].key) || (p.x - q.x))) {
      const text = shortTitle(shape.events[0].title), size = text.length * CHAR;
      const left = Math.max(LEFT, Math.min(Math.max(shape.x, LEFT), w - RIGHT - size));
      const row = ends.findIndex((end) => end < left);
      if (row >= 0 && left + size <= w - RIGHT + 1) {
        shape.label = {x: left, y: LABEL_Y[row]};
        ends[row] = left + size + 8;
      }
    }
  }

  function ticks(x, svg, w) {
    const perYear = (w - LEFT - RIGHT) / ((state.to - state.from) / 365.25);
    const steps = [[1, "month"], [3, "month"], [6, "month"], [12, "year"], [24, "year"], [60, "year"], [120, "year"]];
    const [months] = steps.find(([m]) => perYear * m / 12 >= 52) || steps[steps.length - 1];
    const start = new Date(state.from * DAY);
    let y = start.getUTCFullYear(), m = start.getUTCMonth() - (start.getUTCMonth() % Math.min(months, 12));
    if (months > 12) {
      y -= y % (months / 12);
    }
    for (let day = Date.UTC(y, m, 1) / DAY; day <= state.to; day = Date.UTC(y, m, 1) / DAY) {
      const px = x(day), date = new Date(day * DAY), january = date.getUTCMonth() === 0;
      if (px >= 0 && px <= w) {
        svg.appendChild(el("line", {class: "tick", x1: px, x2: px, y1: 0, y2: AXIS_Y}));
        const label = january ? String(date.getUTCFullYear()) : shortMonth.format(date);
        if (px + 2 + label.length * 7.5 <= w) {  // no label cut at the edge
          svg.appendChild(el("text", {class: "year-label", x: px + 2, y: AXIS_Y + 16}, label));
        }
      }
      m += months;
      y += Math.floor(m / 12);
      m %= 12;
    }
  }

  function render() {
    const w = width(), scale = (w - LEFT - RIGHT) / (state.to - state.from);
    const x = (day) => LEFT + (day - state.from) * scale;
    const svg = el("svg", {viewBox: `0 0 ${w} ${HEIGHT}`, width: w, height: HEIGHT, "aria-hidden": "true",
                           focusable: "false"});
    for (const [year, count] of years) {
      const left = x(Date.UTC(year, 0, 1) / DAY), right = x(Date.UTC(year + 1, 0, 1) / DAY);
      if (right < 0 || left > w) {
        continue;
      }
      if (!count) {
        svg.appendChild(el("rect", {class: "gap", x: left, y: KEY[0], width: right - left, height: AXIS_Y - KEY[0]}));
      } else if (data.counts) {  // too many events to draw: the number in each year
        const height = count / most * (AXIS_Y - 40);
        svg.appendChild(el("rect", {class: "count-bar", x: left, y: AXIS_Y - height, width: right - left, height}));
      }
    }
    ticks(x, svg, w);
    svg.appendChild(el("line", {class: "axis", x1: 0, x2: w, y1: AXIS_Y, y2: AXIS_Y}));
    const {periods, points, clusters} = layout(x);
    placeLabels(periods.concat(points), w);
    const draw = (shape, y, height) => {
      const e = shape.events[0], link = el("a", {href: e.url, tabindex: "-1"});
      const kind = `mark ${e.kind}${e.key ? " key" : ""}`;
      link.appendChild(el("rect", {class: kind, x: shape.x, y, width: shape.width, height}));
      if (shape.label) {
        const {x: labelX, y: labelY} = shape.label;
        link.appendChild(el("text", {class: e.key ? "key-label" : "label", x: labelX, y: labelY}, shortTitle(e.title)));
      }
      shape.box = [shape.x, y, shape.width, height];
      svg.appendChild(link);
    };
    periods.forEach((shape) => draw(shape, LANE_TOP + shape.lane * LANE_STEP, LANE_HEIGHT));
    for (const shape of clusters) {
      const group = el("g", {class: "cluster-group"}), middle = shape.x + shape.width / 2;
      group.appendChild(el("rect", {class: "cluster", x: shape.x, y: CLUSTER[0], width: shape.width, height: CLUSTER[1],
                                    rx: 4}));
      group.appendChild(el("text", {class: "cluster-count", x: middle, y: CLUSTER[0] + 12}, shape.events.length));
      shape.box = [shape.x, CLUSTER[0], shape.width, CLUSTER[1]];
      group.addEventListener("click", () => zoomTo(shape));
      svg.appendChild(group);
    }
    points.forEach((shape) => draw(shape, ...(shape.events[0].key ? KEY : POINT)));
    const active = events[state.active];
    const shape = active && periods.concat(clusters, points).find((s) => s.events.includes(active));
    if (shape) {
      const [bx, by, bw, bh] = shape.box;
      svg.appendChild(el("rect", {class: "active", x: bx - 3, y: by - 3, width: bw + 6, height: bh + 6, rx: 3}));
    }
    layoutNow = {x, scale};
    view.replaceChildren(svg);
    figure.dataset.from = toIso(state.from);
    figure.dataset.to = toIso(state.to - 1);
    spanLabel.textContent = spanText();
  }

  function spanText() {
    const first = new Date(state.from * DAY), last = new Date((state.to - 1) * DAY);
    if (state.to - state.from > 3 * 366) {
      return `${first.getUTCFullYear()} – ${last.getUTCFullYear()}`;
    }
    return `${monthYear.format(first)} – ${monthYear.format(last)}`;
  }

  function zoomTo(shape) {
    const from = Math.min(...shape.events.map((e) => e.a)), to = Math.max(...shape.events.map((e) => e.b));
    const pad = Math.max((to - from) * 0.25, MIN_SPAN / 2);
    setView(from - pad, to + pad);
    commit(true);
  }

  function zoom(factor, anchorDay) {
    const anchor = anchorDay === undefined ? (state.from + state.to) / 2 : anchorDay;
    setView(anchor - (anchor - state.from) * factor, anchor + (state.to - anchor) * factor);
  }

  // The URL: the filters in the query (the server's), the view and the selected event in the fragment (the script's).
  function fragment() {
    const params = new URLSearchParams();
    if (state.from > extent[0] || state.to < extent[1]) {
      params.set("view", `${toIso(state.from)}..${toIso(state.to - 1)}`);
    }
    if (events[state.active]) {
      params.set("event", events[state.active].slug);
    }
    const text = params.toString();
    return location.pathname + location.search + (text ? `#${text}` : "");
  }

  function commit(push) {
    const url = fragment();
    if (url !== location.pathname + location.search + location.hash) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  function restore() {
    const params = new URLSearchParams(location.hash.slice(1));
    const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(params.get("view") || "");
    const chosen = bySlug.get(params.get("event") || "");
    state.active = chosen ? chosen.index : -1;
    if (range) {
      setView(toDay(range[1]), toDay(range[2]) + 1);
    } else {
      setView(extent[0], extent[1]);
    }
    announce(false);
  }

  function announce(speak) {
    const e = events[state.active];
    readout.replaceChildren();
    if (!e) {
      return;
    }
    readout.setAttribute("aria-live", speak ? "polite" : "off");
    const link = document.createElement("a");
    link.href = e.url;
    link.textContent = e.title;
    link.tabIndex = -1;  // the band is one tab stop: Enter on it opens the event
    readout.append(`${e.date}: `, link);
  }

  function select(index) {
    if (!events.length) {
      return;
    }
    state.active = Math.min(Math.max(index, 0), events.length - 1);
    const e = events[state.active];
    if (e.b < state.from || e.a > state.to) {  // brought into view, at the same zoom
      const span = state.to - state.from, middle = (e.a + e.b) / 2;
      setView(middle - span / 2, middle + span / 2);
    } else {
      render();
    }
    announce(true);
    commit(false);
  }

  // The selected event's day when it is in view, where zooming keeps it; else none, and zooming keeps the middle.
  function activeShown() {
    const e = events[state.active];
    return e && e.b >= state.from && e.a <= state.to ? (e.a + e.b) / 2 : undefined;
  }

  function firstVisible(last) {
    const shown = events.filter((e) => e.b >= state.from && e.a <= state.to);
    const e = last ? shown[shown.length - 1] : shown[0];
    return e ? e.index : last ? events.length - 1 : 0;
  }

  view.addEventListener("keydown", (event) => {
    const step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[event.key];
    if (step) {
      select(state.active < 0 ? firstVisible(step < 0) : state.active + step);
    } else if (event.key === "Home" || event.key === "End") {
      select(event.key === "Home" ? 0 : events.length - 1);
    } else if (event.key === "Enter" && events[state.active]) {
      location.assign(events[state.active].url);
    } else if (event.key === "+" || event.key === "=" || event.key === "-" || event.key === "_") {
      zoom(event.key === "+" || event.key === "=" ? 0.5 : 2, activeShown());
      commit(true);
    } else {
      return;
    }
    event.preventDefault();
  });

  tools.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-zoom]");
    if (!button) {
      return;
    }
    const kind = button.dataset.zoom;
    if (kind === "all") {
      setView(extent[0], extent[1]);
    } else {
      zoom(kind === "in" ? 0.5 : 2, activeShown());
    }
    commit(true);
  });

  // Pointers: one drags the band along, two pinch it; a wheel zooms where it points. A drag is no click.
  const pointers = new Map();
  let gesture = null, dragged = false, settle = null;

  function dayAt(clientX) {
    return state.from + (clientX - view.getBoundingClientRect().left - LEFT) / layoutNow.scale;
  }

  function begin() {
    const points = [...pointers.values()];
    const spread = points.length > 1 ? Math.abs(points[0].x - points[1].x) || 1 : 0;
    const middle = points.reduce((sum, p) => sum + p.x, 0) / points.length;
    gesture = {from: state.from, to: state.to, scale: layoutNow.scale, spread, middle, anchor: dayAt(middle), moved: 0};
  }

  view.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) {
      return;
    }
    pointers.set(event.pointerId, {x: event.clientX});
    dragged = false;
    begin();
  });

  view.addEventListener("pointermove", (event) => {
    if (!pointers.has(event.pointerId) || !gesture) {
      return;
    }
    pointers.get(event.pointerId).x = event.clientX;
    const points = [...pointers.values()];
    const middle = points.reduce((sum, p) => sum + p.x, 0) / points.length;
    gesture.moved = Math.max(gesture.moved, Math.abs(middle - gesture.middle));
    if (gesture.moved < 4 && points.length < 2) {
      return;
    }
    if (!dragged) {
      dragged = true;
      view.setPointerCapture(event.pointerId);
      view.classList.add("dragging");
    }
    let span = gesture.to - gesture.from;
    if (points.length > 1) {
      span *= gesture.spread / (Math.abs(points[0].x - points[1].x) || 1);
    }
    const scale = (width() - LEFT - RIGHT) / span;
    const from = gesture.anchor - (middle - view.getBoundingClientRect().left - LEFT) / scale;
    setView(from, from + span);
  });

  function end(event) {
    if (!pointers.delete(event.pointerId)) {
      return;
    }
    if (pointers.size) {
      begin();  // a pinch becomes a drag with the finger left
    } else {
      view.classList.remove("dragging");
      if (dragged) {
        commit(true);
      }
      gesture = null;
    }
  }

  view.addEventListener("pointerup", end);
  view.addEventListener("pointercancel", end);
  view.addEventListener("click", (event) => {
    if (dragged) {
      event.preventDefault();
      event.stopPropagation();
      dragged = false;
    }
  }, true);

  // The wheel scrolls the page as usual until the band has focus (a click or a tab on it) or Ctrl is held, which a
  // touchpad's pinch sends: the band spans the screen, and would otherwise catch every scroll that passes over it.
  view.addEventListener("wheel", (event) => {
    const sideways = Math.abs(event.deltaX) > Math.abs(event.deltaY);
    if (!sideways && !event.ctrlKey && !event.metaKey && document.activeElement !== view) {
      return;
    }
    event.preventDefault();
    if (sideways) {
      const shift = event.deltaX / layoutNow.scale;
      setView(state.from + shift, state.to + shift);
    } else {
      zoom(Math.exp(Math.max(Math.min(event.deltaY, 200), -200) * 0.002), dayAt(event.clientX));
    }
    clearTimeout(settle);
    settle = setTimeout(() => commit(true), 400);
  }, {passive: false});

  window.addEventListener("popstate", restore);
  if (window.ResizeObserver) {
    new ResizeObserver(() => render()).observe(view);
  }
  restore();
})();
