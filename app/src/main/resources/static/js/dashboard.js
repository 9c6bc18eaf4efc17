// Draws the dashboard's charts with ECharts from the same JSON as GET /api/v1/dashboard (sections[].chart); the
// tables under each chart are printed by the server and stay the accessible, copyable view of the same figures.
(function () {
  'use strict';
  var page = document.querySelector('section.dashboard[data-figures]');
  if (!page || typeof echarts === 'undefined') {
    return;
  }
  var palette = ['#b3261e', '#0b57d0', '#e8a317', '#188038', '#7b1fa2', '#00838f', '#5f6368', '#c2185b'];

  function option(chart) {
    var stacked = chart.kind === 'STACKED_BAR';
    var type = chart.kind === 'LINE' ? 'line' : 'bar';
    return {
      color: palette,
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { show: chart.series.length > 1, top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: chart.categories, axisLabel: { interval: 0, rotate: chart.categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: chart.unit, minInterval: chart.unit === '件' ? 1 : 0 },
      series: chart.series.map(function (s) {
        return { name: s.name, type: type, stack: stacked ? 'total' : undefined, data: s.values,
                 label: { show: !stacked && chart.categories.length <= 12, position: 'top' } };
      })
    };
  }

  function draw(figures) {
    figures.sections.forEach(function (section) {
      var element = page.querySelector('.chart[data-section="' + section.id + '"]');
      if (!element || !section.chart) {
        return;
      }
      if (section.chart.categories.length === 0) {
        element.hidden = true;
        return;
      }
      // Canvas, not SVG: the SVG renderer writes style attributes, which the pages' CSP (style-src 'self') blocks.
      var chart = echarts.init(element, null, { renderer: 'canvas' });
      chart.setOption(option(section.chart));
      window.addEventListener('resize', function () { chart.resize(); });
    });
    page.setAttribute('data-charts', 'drawn');
  }

  fetch(page.getAttribute('data-figures'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    })
    .then(draw)
    .catch(function () {
      page.setAttribute('data-charts', 'failed');
    });
})();
