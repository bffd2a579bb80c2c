// Draws the indicators page's charts from the numbers the page embeds (the table below them holds the same).
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.color = '#1a1a1a';

const data = JSON.parse(document.getElementById('indicator-data').textContent);

function draw(id, rows, horizontal) {
  const canvas = document.getElementById(id);
  if (!canvas) return;
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: rows.map(r => r.label), datasets: [{ label: '件数', data: rows.map(r => r.value), backgroundColor: '#0b5394' }] },
    options: { indexAxis: horizontal ? 'y' : 'x', animation: false, plugins: { legend: { display: false } }, scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } } },
  });
  canvas.dataset.drawn = String(chart.data.datasets[0].data.length);
}

draw('intake-chart', data.intakes, false);
draw('referral-chart', data.referrals, true);
