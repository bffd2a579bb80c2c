// The designer: dmn-js for the routing tables (試算, deploy) and bpmn-js in Japanese for the case path, with the
// server's validation errors drawn as overlays on the elements they concern.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import './designer.css';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import DmnModeler from 'dmn-js/lib/Modeler';
import bpmnJa from 'bpmn-js-i18n/translations/ja.js';
import dmnJa from './dmn-ja.js';

const token = document.querySelector('meta[name="request-verification-token"]').content;

function translator(dictionary) {
  const translate = (template, replacements = {}) =>
    (dictionary[template] ?? template).replace(/{([^}]+)}/g, (_, key) => replacements[key] ?? `{${key}}`);
  return { translate: ['value', translate] };
}

async function post(handler, body, query = '') {
  const response = await fetch(`/designer?handler=${handler}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/xml; charset=utf-8', RequestVerificationToken: token },
    body,
    credentials: 'same-origin',
  });
  const answer = await response.json().catch(() => null);
  return { ok: response.ok, answer };
}

function say(id, text, kind) {
  const box = document.getElementById(id);
  box.textContent = text;
  box.className = kind ? `alert ${kind}` : '';
}

function escape(text) {
  const span = document.createElement('span');
  span.textContent = text;
  return span.innerHTML;
}

// --- Routing tables -------------------------------------------------------------------------------------------
const dmnTranslation = { additionalModules: [translator(dmnJa)] };
const dmn = new DmnModeler({ container: '#dmn-editor', common: dmnTranslation, drd: dmnTranslation, decisionTable: dmnTranslation, literalExpression: dmnTranslation });
const viewSelect = document.getElementById('dmn-view');

await dmn.importXML(document.getElementById('routing-xml').textContent);
const tables = dmn.getViews().filter(v => v.type === 'decisionTable');
for (const view of tables) {
  viewSelect.add(new Option(view.element.name ?? view.element.id, view.element.id));
}
await dmn.open(tables[0]);
viewSelect.addEventListener('change', () => dmn.open(tables.find(v => v.element.id === viewSelect.value)));

document.getElementById('trial').addEventListener('click', async () => {
  say('dmn-status', '試算しています…');
  const { xml } = await dmn.saveXML({ format: true });
  const { ok, answer } = await post('Trial', xml, `&cases=${document.getElementById('trial-cases').value}`);
  const result = document.getElementById('trial-result');
  if (!ok) {
    say('dmn-status', `試算できません：${answer?.map(e => e.message).join(' / ') ?? '不明なエラー'}`, 'error');
    result.innerHTML = '';
    return;
  }
  say('dmn-status', `直近 ${answer.evaluated} 件を試算しました。紹介先が変わるケースは ${answer.changed.length} 件です。`, 'notice');
  result.innerHTML = answer.changed.length === 0
    ? '<p class="empty">この変更で紹介先が変わるケースはありません。</p>'
    : `<table id="trial-table"><caption>紹介先が変わるケース</caption><thead><tr><th scope="col">ケース番号</th><th scope="col">現在の紹介先</th><th scope="col">変更後の紹介先</th></tr></thead><tbody>${
      answer.changed.map(c => `<tr><td class="mono">${escape(c.caseId)}</td><td>${escape(c.before.join('、'))}</td><td>${escape(c.after.join('、'))}</td></tr>`).join('')}</tbody></table>`;
});

document.getElementById('deploy').addEventListener('click', async () => {
  say('dmn-status', '配備しています…');
  const { xml } = await dmn.saveXML({ format: true });
  const { ok, answer } = await post('Deploy', xml);
  if (!ok) {
    say('dmn-status', `配備できません：${answer?.map(e => e.message).join(' / ') ?? '不明なエラー'}`, 'error');
    return;
  }
  say('dmn-status', `第${answer.number}版として配備しました。次の受付からこの版で判定します。`, 'notice');
  const versions = document.getElementById('versions');
  const list = versions.tagName === 'OL' ? versions : Object.assign(document.createElement('ol'), { id: 'versions' });
  list.insertAdjacentHTML('beforeend', `<li>第${answer.number}版 <span class="mono">${escape(answer.versionHash.slice(0, 19))}…</span></li>`);
  if (list !== versions) versions.replaceWith(list);
});

// --- Case path ------------------------------------------------------------------------------------------------
const bpmn = new BpmnModeler({ container: '#bpmn-editor', additionalModules: [translator(bpmnJa)] });
await bpmn.importXML(document.getElementById('process-xml').textContent);
bpmn.get('canvas').zoom('fit-viewport');

const overlays = bpmn.get('overlays');
const registry = bpmn.get('elementRegistry');
const modeling = bpmn.get('modeling');
const moddle = bpmn.get('moddle');

document.getElementById('validate').addEventListener('click', async () => {
  overlays.remove({ type: 'validation' });
  const { xml } = await bpmn.saveXML({ format: true });
  const { ok, answer } = await post('ValidateProcess', xml);
  if (ok) {
    say('bpmn-status', '検証しました。問題はありません。', 'notice');
    return;
  }
  const unplaced = [];
  for (const error of answer ?? []) {
    const element = error.elementId && registry.get(error.elementId);
    if (!element) { unplaced.push(error.message); continue; }
    overlays.add(element, 'validation', {
      position: { top: -28, left: 0 },
      html: `<div class="validation-error" role="note" data-element="${escape(error.elementId)}" title="${escape(error.message)}">⚠ ${escape(error.message)}</div>`,
    });
  }
  say('bpmn-status', `検証エラーが ${answer?.length ?? 0} 件あります。図の該当箇所に表示しています。${unplaced.length ? ' ' + unplaced.join(' / ') : ''}`, 'error');
});

// A small properties panel: name, and the FEEL condition of a conditional flow.
const form = document.getElementById('properties-form');
const nameInput = document.getElementById('prop-name');
const conditionField = document.getElementById('prop-condition-field');
const conditionInput = document.getElementById('prop-condition');
let selected = null;

bpmn.on('selection.changed', ({ newSelection }) => {
  selected = newSelection.length === 1 ? newSelection[0] : null;
  form.hidden = !selected;
  document.getElementById('properties-empty').hidden = !!selected;
  if (!selected) return;
  const bo = selected.businessObject;
  document.getElementById('prop-id').value = bo.id;
  nameInput.value = bo.name ?? '';
  const conditional = bo.$type === 'bpmn:SequenceFlow' && bo.conditionExpression;
  conditionField.hidden = !conditional;
  conditionInput.value = conditional ? bo.conditionExpression.body : '';
});

nameInput.addEventListener('change', () => selected && modeling.updateProperties(selected, { name: nameInput.value }));
conditionInput.addEventListener('change', () => selected && modeling.updateProperties(selected, {
  conditionExpression: moddle.create('bpmn:FormalExpression', { body: conditionInput.value }),
}));

window.tsunaguDesigner = { dmn, bpmn };
