// Draws a process diagram (bpmn-js viewer with pan and zoom) from what the page embeds: a heatmap of where instances
// wait, or one instance's active tokens and completed path. Every number drawn is also in the page's tables.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './processes.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

const data = JSON.parse(document.getElementById('diagram-data')?.textContent ?? 'null');
const container = document.getElementById('process-diagram');

if (data && container) {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(data.xml);
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  canvas.zoom('fit-viewport', 'auto');

  let drawn = 0;
  const mark = (id, markers, text) => {
    if (!registry.get(id)) return;
    markers.forEach(m => canvas.addMarker(id, m));
    if (text) {
      const badge = document.createElement('span');
      badge.className = `badge ${markers.join(' ')}`;
      badge.dataset.node = id;
      badge.textContent = text;
      overlays.add(id, 'tsunagu', { position: { top: -14, right: 14 }, html: badge });
      drawn++;
    }
  };

  for (const node of data.heat ?? []) {
    const incidents = node.incidents > 0 ? `（インシデント ${node.incidents}）` : '';
    mark(node.id, [`heat-${node.level}`, ...(node.incidents > 0 ? ['incident'] : [])], `待機 ${node.tokens}${incidents}`);
  }

  const active = new Set((data.active ?? []).map(n => n.id));
  for (const id of data.completed ?? []) {
    if (!active.has(id)) mark(id, ['completed']);
  }

  for (const node of data.active ?? []) {
    mark(node.id, ['active', ...(node.incidents > 0 ? ['incident'] : [])], node.incidents > 0 ? 'インシデント' : `現在 ${node.tokens}`);
  }

  container.dataset.drawn = String(drawn);
}
