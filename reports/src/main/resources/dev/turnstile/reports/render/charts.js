// Draws the report's charts from the embedded JSON. Each chart container's id says what it shows.
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { throw new Error('chart container missing: ' + id); }
    var c = echarts.init(el, null, { renderer: 'canvas' });
    option.animation = false; // render at once, so a headless snapshot sees final charts
    c.setOption(option);
    charts.push(c);
  }

  function times(series, values) {
    return values.map(function (v, i) { return [series.startMillis + i * series.binSeconds * 1000, v]; });
  }

  data.keys.forEach(function (k, i) {
    var n = i, s = k.series, plan = k.currentPlan;
    var marks = [];
    if (plan) {
      marks.push({ yAxis: plan.rateLimit, name: 'rate', label: { formatter: 'plan rate ' + plan.rateLimit + '/s' } });
      marks.push({ yAxis: plan.burstLimit, name: 'burst', label: { formatter: 'plan burst ' + plan.burstLimit } });
    }
    marks.push({ yAxis: k.recommendation.rateLimit, name: 'recommended', lineStyle: { color: '#2e7d32' },
                 label: { formatter: 'recommended rate ' + k.recommendation.rateLimit + '/s' } });
    // keep every plan line on the chart even when traffic stays far below it
    var top = Math.max.apply(null, marks.map(function (m) { return m.yAxis; }));
    chart('arrivals-' + n, {
      title: { text: 'Arrivals per second' + (s.binSeconds > 1 ? ' (busiest second per ' + s.binSeconds + ' s)' : ''), textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' }, grid: { left: 50, right: 150, top: 40, bottom: 30 },
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'req/s', max: function (v) { return Math.ceil(Math.max(v.max, top) * 1.1); } },
      series: [{ name: 'arrivals', type: 'line', showSymbol: false, step: 'end', data: times(s, s.arrivalsPeakPerSecond),
                 markLine: { symbol: 'none', lineStyle: { type: 'dashed' }, label: { position: 'end' }, data: marks } }]
    });
    chart('outcomes-' + n, {
      title: { text: 'Admitted vs throttled vs over quota (per ' + s.binSeconds + ' s)', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' }, legend: { top: 20 }, grid: { left: 50, right: 20, top: 55, bottom: 30 },
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'requests' },
      series: [
        { name: 'admitted', type: 'bar', stack: 'o', color: '#4caf50', data: times(s, s.admitted) },
        { name: 'throttled', type: 'bar', stack: 'o', color: '#ff9800', data: times(s, s.throttled) },
        { name: 'over quota', type: 'bar', stack: 'o', color: '#e53935', data: times(s, s.quotaExceeded) }]
    });
    var bursts = {};
    k.candidates.forEach(function (c) {
      (bursts[c.burstLimit] = bursts[c.burstLimit] || []).push([c.rateLimit, c.rejectionShare * 100]);
    });
    chart('candidates-' + n, {
      title: { text: 'Replayed rejection share vs (rate, burst)', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' }, legend: { top: 20 }, grid: { left: 50, right: 20, top: 55, bottom: 40 },
      xAxis: { type: 'value', name: 'rate req/s', nameLocation: 'middle', nameGap: 25 },
      yAxis: { type: 'value', name: '% rejected' },
      series: Object.keys(bursts).map(function (b) {
        return { name: 'burst ' + b, type: 'line', data: bursts[b].sort(function (x, y) { return x[0] - y[0]; }) };
      })
    });
  });

  if (data.metrics) {
    var m = data.metrics, every = m.periodSeconds === 60 ? 'minute' : m.periodSeconds + ' s';
    function mt(values) { return values.map(function (v, i) { return [m.startMillis + i * m.periodSeconds * 1000, v]; }); }
    chart('metrics-requests', {
      title: { text: 'Requests per ' + every + ' (CloudWatch Count, 4XXError, 5XXError)', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' }, legend: { top: 20 }, grid: { left: 60, right: 20, top: 55, bottom: 30 },
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'requests' },
      series: [
        { name: 'Count', type: 'bar', color: '#1976d2', data: mt(m.count) },
        { name: '4XXError', type: 'bar', color: '#ff9800', data: mt(m.clientErrors) },
        { name: '5XXError', type: 'bar', color: '#e53935', data: mt(m.serverErrors) }]
    });
    chart('metrics-latency', {
      title: { text: 'Latency per ' + every + ' (CloudWatch percentiles, ms)', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' }, legend: { top: 20 }, grid: { left: 60, right: 20, top: 55, bottom: 30 },
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'ms' },
      series: [
        { name: 'Latency p50', type: 'line', data: mt(m.latencyP50) },
        { name: 'Latency p90', type: 'line', data: mt(m.latencyP90) },
        { name: 'Latency p99', type: 'line', data: mt(m.latencyP99) },
        { name: 'IntegrationLatency p99', type: 'line', lineStyle: { type: 'dashed' }, data: mt(m.integrationLatencyP99) }]
    });
  }

  if (data.capacity) {
    var steps = data.capacity.steps;
    function col(f) { return steps.map(function (st) { return [st.offeredRps, st[f]]; }); }
    var p99 = { name: 'p99', type: 'line', data: col('p99Ms'), markLine: { symbol: 'none', data: [
      { yAxis: data.capacity.latencyThresholdMs, label: { formatter: 'p99 limit ' + data.capacity.latencyThresholdMs + ' ms' } }] } };
    if (data.capacity.knee) {
      p99.markLine.data.push({ xAxis: data.capacity.knee.offeredRps, label: { formatter: 'knee' } });
    }
    chart('capacity', {
      title: { text: 'Latency and throughput vs offered load', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' }, legend: { top: 20 }, grid: { left: 60, right: 60, top: 55, bottom: 40 },
      xAxis: { type: 'value', name: 'offered req/s', nameLocation: 'middle', nameGap: 25 },
      yAxis: [{ type: 'value', name: 'latency ms' }, { type: 'value', name: 'throughput req/s' }],
      series: [{ name: 'p50', type: 'line', data: col('p50Ms') }, { name: 'p95', type: 'line', data: col('p95Ms') }, p99,
               { name: 'throughput', type: 'line', yAxisIndex: 1, lineStyle: { type: 'dashed' }, data: col('throughputRps') }]
    });
  }
  document.body.setAttribute('data-charts-rendered', String(charts.length));
})();
