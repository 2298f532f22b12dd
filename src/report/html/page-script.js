// Draws a poll-vs-push report from the JSON in #report-data with Chart.js, which the page
// carries inline. Every label comes with the data; this script only places it. It builds the
// page with textContent, never with HTML strings, so no text from the data can run as markup.
(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const main = document.getElementById('report');

  // Ten colours that stay apart from each other, one per strategy in the run's order.
  const PALETTE = [
    '#4e79a7',
    '#f28e2b',
    '#59a14f',
    '#e15759',
    '#76b7b2',
    '#edc948',
    '#b07aa1',
    '#ff9da7',
    '#9c755f',
    '#79706e',
  ];

  const LOOKS = {
    event: { label: 'event the consumer wants', colour: '#f28e2b', style: 'triangle', size: 7 },
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

  function colour(index) {
    return PALETTE[index % PALETTE.length];
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

  function lineSeries(label, points, index) {
    return {
      label,
      data: points,
      showLine: true,
      borderColor: colour(index),
      backgroundColor: colour(index),
      pointRadius: 2,
      borderWidth: 2,
    };
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
        '(orange, top row). Point at a mark to read its message.',
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
        element('p', `${omitted} later messages are left out; a shorter run shows them.`),
      );
    }

    new Chart(canvas(host, 'conversation', 90 + rows.length * 42), {
      type: 'scatter',
      data: { datasets },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: axis(`minutes since the window opened at ${clockTime(conversation.start, 0)}`),
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
        'A curve far to the left is prompt; polling spreads across its interval. The time axis ' +
        'is logarithmic, and latencies under a millisecond sit at 1 ms.',
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
            series.indexOf(item),
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
      `Requests that reached the producer and pushes it sent, counted per ${bin}. Pollers ` +
        'that ask in step make spikes; push follows the events and is flat between them.',
    );

    new Chart(canvas(host, 'load', 360), {
      type: 'scatter',
      data: {
        datasets: load.series.map((item, index) =>
          lineSeries(
            item.strategy,
            item.counts.map((count, bin) => ({ x: bin * load.binMinutes, y: count })),
            index,
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
        datasets: series.map((item, index) => lineSeries(item.strategy, item.points, index)),
      },
      options: {
        maintainAspectRatio: false,
        scales,
        plugins: {
          tooltip: {
            callbacks: {
              label: (context) =>
                `${context.dataset.label} at ${context.raw.value}: ` +
                `${context.raw.x.toPrecision(3)}, ${context.raw.y.toPrecision(3)}`,
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
        'sits near the corner.',
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
        'The cost of each strategy at each swept value, scaled to a 30-day month.',
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
