// Draws a poll-vs-push report from the JSON in #report-data with Chart.js, which the page
// carries inline. Every label comes with the data; this script only places it. It builds the
// page with textContent, never with HTML strings, so no text from the data can run as markup.
(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const main = document.getElementById('report');

  const LOOKS = {
    event: { label: 'event the consumer wants', colour: '#37474f', style: 'triangle', size: 7 },
    empty: { label: 'answer with nothing new ("not yet")', colour: '#9e9e9e', style: 'circle' },
    news: { label: 'answer with news', colour: '#2e7d32', style: 'circle', size: 6 },
    push: { label: 'push or stream message', colour: '#1565c0', style: 'rectRot', size: 6 },
    setup: { label: 'subscribed or stream open', colour: '#7b1fa2', style: 'rect', size: 5 },
    failure: { label: 'error, cut or refused', colour: '#c62828', style: 'crossRot', size: 6 },
  };

  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, sans-serif';

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className !== undefined) node.className = className;
    return node;
  }

  function section(title, explanation) {
    const node = element('section');
    node.append(element('h2', title));
    if (explanation !== undefined) node.append(element('p', explanation, 'explain'));
    main.append(node);
    return node;
  }

  function canvas(parent, id, height) {
    const box = element('div', undefined, 'chart');
    box.style.height = `${height}px`;
    const node = element('canvas');
    node.id = id;
    box.append(node);
    parent.append(box);
    return node;
  }

  function axis(title, extra) {
    return { title: { display: true, text: title }, ...extra };
  }

  // A log axis in seconds gets a label at 1, 2 and 5 of each power of ten, in a unit that reads
  // well: 50 ms, 2 s, 10 min.
  function secondsTick(value) {
    const leading = value / 10 ** Math.floor(Math.log10(value));
    if (![1, 2, 5, 10].some((digit) => Math.abs(leading - digit) < 1e-6)) return '';
    if (value < 1) return `${Number((value * 1000).toPrecision(2))} ms`;
    if (value < 1000) return `${Number(value.toPrecision(2))} s`;
    if (value < 36_000) return `${Number((value / 60).toPrecision(2))} min`;
    return `${Number((value / 3600).toPrecision(2))} h`;
  }

  function secondsAxis(title) {
    return axis(title, {
      type: 'logarithmic',
      ticks: { callback: secondsTick, autoSkip: false, maxRotation: 0 },
    });
  }

  function lineSeries(label, points, colour) {
    return {
      label,
      data: points,
      showLine: true,
      borderColor: colour,
      backgroundColor: colour,
      pointRadius: 2,
      borderWidth: 2,
    };
  }

  const LEGEND_HINT =
    'Click a name in the legend to hide or show its strategy: lines that coincide hide each other.';

  function count(value) {
    return value.toLocaleString('en-US');
  }

  function clockTime(startIso, minutes) {
    const time = new Date(Date.parse(startIso) + minutes * 60_000);
    return `${time.toISOString().slice(11, 16)} UTC`;
  }

  function drawConversation(conversation) {
    const host = section(
      `The conversation of ${conversation.consumer}`,
      'Each row follows the same consumer under one strategy. A poller asks again and again, ' +
        'and hears "not yet" (grey) until an answer brings news (green). A pushed consumer ' +
        'says "call me" once (purple) and hears each event (blue) just after it happens ' +
        '(dark triangles, top row). A red cross is an error, a cut or a failed push. Point at a ' +
        'mark to read its message.',
    );
    const rows = conversation.rows;
    const datasets = Object.entries(LOOKS).map(([look, style]) => ({
      label: style.label,
      data: conversation.points.filter((point) => point.look === look),
      pointStyle: style.style,
      pointRadius: style.size ?? 4,
      borderColor: style.colour,
      backgroundColor: style.colour,
    }));

    const omitted = conversation.omitted.reduce((sum, count) => sum + count, 0);
    if (omitted > 0) {
      host.append(
        element('p', `${count(omitted)} later messages are left out; a shorter run shows them.`),
      );
    }

    // The axis starts at the first message, which subscribing puts a little before the window.
    const first = Math.min(0, ...conversation.points.map((point) => point.x));
    new Chart(canvas(host, 'conversation', 90 + rows.length * 42), {
      type: 'scatter',
      data: { datasets },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: axis(`minutes since the window opened at ${clockTime(conversation.start, 0)}`, {
            min: Math.floor(first),
          }),
          y: {
            min: -0.5,
            max: rows.length - 0.5,
            reverse: true,
            afterBuildTicks: (scale) => {
              scale.ticks = rows.map((_, value) => ({ value }));
            },
            ticks: { callback: (value) => rows[value] ?? '' },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (context) =>
                `${clockTime(conversation.start, context.raw.x)}: ${context.raw.text}`,
            },
          },
        },
      },
    });
  }

  function drawLatency(series) {
    const host = section(
      'How late the news arrives',
      'The share of events each consumer had within a given time of the event, per strategy. ' +
        'A curve far to the left is prompt. A poller learns of an event anywhere between 0 and ' +
        'its interval, so on this logarithmic axis its curve rises slowly at first and steeply ' +
        `near the interval. Latencies under a millisecond sit at 1 ms. ${LEGEND_HINT}`,
    );
    const drawn = series.filter((item) => item.points.length > 0);
    if (drawn.length < series.length) {
      host.append(element('p', 'Strategies whose consumers learned of no event have no curve.'));
    }

    new Chart(canvas(host, 'latency', 360), {
      type: 'scatter',
      data: {
        datasets: drawn.map((item) =>
          lineSeries(
            item.strategy,
            item.points.map(([seconds, share]) => ({ x: Math.max(seconds, 0.001), y: share })),
            item.colour,
          ),
        ),
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: secondsAxis('latency (log scale)'),
          y: axis('share of events had by then', { min: 0, max: 1 }),
        },
      },
    });
  }

  function drawLoad(load) {
    const bin = load.binMinutes >= 1 ? `${load.binMinutes} min` : `${load.binMinutes * 60} s`;
    const host = section(
      'Load on the producer',
      `Requests that reached the producer and pushes it sent, counted per ${bin}. Each poller ` +
        'keeps its own phase, so a fixed interval repeats the same small ups and downs; pollers ' +
        'that ask in step, as cron jobs do, make spikes far above the rest. Push follows the ' +
        `events and is flat between them. ${LEGEND_HINT}`,
    );

    new Chart(canvas(host, 'load', 360), {
      type: 'scatter',
      data: {
        datasets: load.series.map((item) =>
          lineSeries(
            item.strategy,
            item.counts.map((value, bin) => ({ x: bin * load.binMinutes, y: value })),
            item.colour,
          ),
        ),
      },
      options: {
        maintainAspectRatio: false,
        elements: { point: { radius: 0 } },
        scales: {
          x: axis(`minutes since the window opened at ${clockTime(load.start, 0)}`),
          y: axis(`requests and pushes per ${bin}`, { beginAtZero: true }),
        },
      },
    });
  }

  function drawCurves(id, title, explanation, series, scales) {
    const host = section(title, explanation);
    new Chart(canvas(host, id, 380), {
      type: 'scatter',
      data: {
        datasets: series.map((item) => ({
          ...lineSeries(item.strategy, item.points, item.colour),
          // A point where consumers missed events is a large triangle, since its place alone
          // would put it among the good ones.
          pointStyle: item.points.map((point) => (point.missed === null ? 'circle' : 'triangle')),
          pointRadius: item.points.map((point) => (point.missed === null ? 2 : 6)),
        })),
      },
      options: {
        maintainAspectRatio: false,
        scales,
        plugins: {
          tooltip: {
            callbacks: {
              label: (context) =>
                `${context.dataset.label} at ${context.raw.value}: ` +
                `${context.raw.x.toPrecision(3)}, ${context.raw.y.toPrecision(3)}` +
                (context.raw.missed === null ? '' : `, ${context.raw.missed}`),
            },
          },
        },
      },
    });
  }

  function drawFigures(figures, summary) {
    const host = section('Figures');
    const table = element('table', undefined, `figures ${data.kind}`);
    const head = element('tr');
    for (const cell of figures.head) head.append(element('th', cell));
    table.append(head);
    for (const cells of figures.rows) {
      const row = element('tr');
      for (const cell of cells) row.append(element('td', cell));
      table.append(row);
    }
    host.append(table);
    if (summary !== undefined) host.append(element('p', summary));
  }

  function drawReproduce(reproduce) {
    const host = section(
      'Run it again',
      `The same command with seed ${reproduce.seed} gives the same figures, byte for byte.`,
    );
    host.append(element('pre', reproduce.command));
    const table = element('table', undefined, 'settings');
    for (const [name, value] of reproduce.settings) {
      const row = element('tr');
      row.append(element('th', name), element('td', value));
      table.append(row);
    }
    host.append(table);
  }

  document.getElementById('title').textContent = data.title;

  if (data.kind === 'run') {
    drawConversation(data.conversation);
    drawLatency(data.latency);
    drawLoad(data.load);
    drawFigures(data.figures, data.summary);
  } else {
    if (data.shared !== null) main.append(element('p', data.shared));
    drawCurves(
      'trade-off',
      'The trade-off: wasted requests against latency',
      'One point per swept value and strategy. Down and to the left is better: few wasted ' +
        'requests and prompt news. Polling moves along its curve as the value changes; push ' +
        'sits near the corner. A large triangle marks a point whose consumers missed events, ' +
        `which its place does not show; point at it to read how many. ${LEGEND_HINT}`,
      data.tradeOff,
      {
        x: secondsAxis('mean latency (log scale)'),
        y: axis('wasted requests', { beginAtZero: true }),
      },
    );
    if (data.cost !== null) {
      drawCurves(
        'cost',
        'What each strategy costs',
        `The cost of each strategy at each swept value, scaled to a 30-day month. ${LEGEND_HINT}`,
        data.cost.series,
        {
          x: axis(data.cost.xTitle, data.cost.logX ? { type: 'logarithmic' } : {}),
          y: axis(data.cost.yTitle, { beginAtZero: true }),
        },
      );
    }
    drawFigures(data.figures);
  }

  drawReproduce(data.reproduce);
})();
