// The designer: dmn-js for the routing tables (試算, deploy) and bpmn-js in Japanese for the case path, with a panel
// for Tsunagu's extensions, the server's validation errors drawn on the elements they concern, draft, deployment as a
// new version and a diff of two versions.
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
import BpmnViewer from 'bpmn-js/lib/NavigatedViewer';
import { diff } from 'bpmn-js-differ';
import tsunagu from './tsunagu-moddle.js';
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
const bpmn = new BpmnModeler({ container: '#bpmn-editor', additionalModules: [translator(bpmnJa)], moddleExtensions: { tsunagu } });
await bpmn.importXML(document.getElementById('process-xml').textContent);
bpmn.get('canvas').zoom('fit-viewport');

const overlays = bpmn.get('overlays');
const registry = bpmn.get('elementRegistry');
const modeling = bpmn.get('modeling');
const moddle = bpmn.get('moddle');

// Draws the server's reasons on the elements they name; the rest are listed in the status line.
function showProblems(problems, lead) {
  overlays.remove({ type: 'validation' });
  const unplaced = [];
  for (const error of problems) {
    const element = error.elementId && registry.get(error.elementId);
    if (!element) { unplaced.push(error.message); continue; }
    overlays.add(element, 'validation', {
      position: { top: -28, left: 0 },
      html: `<div class="validation-error" role="note" data-element="${escape(error.elementId)}" title="${escape(error.message)}">⚠ ${escape(error.message)}</div>`,
    });
  }
  say('bpmn-status', `${lead}検証エラーが ${problems.length} 件あります。図の該当箇所に表示しています。${unplaced.length ? ' ' + unplaced.join(' / ') : ''}`, 'error');
}

async function currentXml() {
  return (await bpmn.saveXML({ format: true })).xml;
}

document.getElementById('validate').addEventListener('click', async () => {
  const { ok, answer } = await post('ValidateProcess', await currentXml());
  if (ok) {
    overlays.remove({ type: 'validation' });
    say('bpmn-status', '検証しました。問題はありません。', 'notice');
    return;
  }
  showProblems(answer ?? [], '');
});

async function saveDraft() {
  const { ok, answer } = await post('SaveDraft', await currentXml());
  if (!ok) {
    showProblems(answer ?? [], '下書きを保存できません。');
    return false;
  }
  document.getElementById('process-source').textContent = '下書き（未配備）を開いています。';
  if (answer.problems.length) {
    showProblems(answer.problems, '下書きを保存しました。配備の前に直してください：');
  } else {
    overlays.remove({ type: 'validation' });
    say('bpmn-status', '下書きを保存しました（まだ配備していません）。', 'notice');
  }
  return answer.problems.length === 0;
}

document.getElementById('save-draft').addEventListener('click', saveDraft);

document.getElementById('deploy-process').addEventListener('click', async () => {
  if (!await saveDraft()) return;
  const { ok, answer } = await post('DeployProcess', '');
  if (!ok) {
    showProblems(answer ?? [], '配備できません。');
    return;
  }
  say('bpmn-status', `第${answer.version}版として配備しました。進行中のケースは元の版のまま、新しいケースはこの版で進みます。`, 'notice');
  document.getElementById('process-source').textContent = `配備中の第${answer.version}版を開いています。`;
  const hash = `${escape(answer.versionHash.slice(0, 19))}…`;
  document.querySelector('#process-versions tbody').insertAdjacentHTML('afterbegin',
    `<tr data-version="${answer.version}"><td>第${answer.version}版</td><td>${new Date(answer.deployedAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}</td><td>${escape(answer.deployedBy)}</td><td class="mono">${hash}</td></tr>`);
  for (const id of ['diff-from', 'diff-to']) {
    document.getElementById(id).add(new Option(`第${answer.version}版`, answer.version));
  }
  document.getElementById('diff-to').value = answer.version;
  document.getElementById('diff-from').value = answer.version - 1;
});

// --- Properties panel: the element's name, condition and Tsunagu's extensions -------------------------------
const form = document.getElementById('properties-form');
const nameInput = document.getElementById('prop-name');
const conditionField = document.getElementById('prop-condition-field');
const conditionInput = document.getElementById('prop-condition');
const timerKind = document.getElementById('prop-timer-kind');
const timerValue = document.getElementById('prop-timer-value');
const extInputs = [...form.querySelectorAll('input[data-ext]')];
const timerKinds = ['timeDate', 'timeDuration', 'timeCycle'];
let selected = null;

const extensionType = name => `tsunagu:${name[0].toUpperCase()}${name.slice(1)}`;
const extension = (bo, name) => bo.extensionElements?.values?.find(v => v.$instanceOf(extensionType(name)));
const timerOf = bo => bo.eventDefinitions?.find(d => d.$type === 'bpmn:TimerEventDefinition');

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
  document.getElementById('prop-assignment').hidden = !bo.$instanceOf('bpmn:UserTask');
  document.getElementById('prop-handler').hidden = !bo.$instanceOf('bpmn:ServiceTask');
  document.getElementById('prop-decision').hidden = !bo.$instanceOf('bpmn:BusinessRuleTask');
  for (const input of extInputs) input.value = extension(bo, input.dataset.ext)?.[input.dataset.attr] ?? '';
  const timer = timerOf(bo);
  document.getElementById('prop-timer').hidden = !timer;
  const kind = timer && (timerKinds.find(k => timer[k]) ?? 'timeDuration');
  timerKind.value = kind ?? 'timeDuration';
  timerValue.value = timer?.[kind]?.body ?? '';
});

nameInput.addEventListener('change', () => selected && modeling.updateProperties(selected, { name: nameInput.value }));
conditionInput.addEventListener('change', () => selected && modeling.updateProperties(selected, {
  conditionExpression: moddle.create('bpmn:FormalExpression', { body: conditionInput.value }),
}));

// An extension element is created on the first value and removed when all its values are cleared.
function updateExtension(element, name, attr, value) {
  const bo = element.businessObject;
  let container = bo.extensionElements;
  if (!container) {
    container = moddle.create('bpmn:ExtensionElements', { values: [] });
    container.$parent = bo;
    modeling.updateProperties(element, { extensionElements: container });
  }
  const existing = extension(bo, name);
  if (existing) {
    modeling.updateModdleProperties(element, existing, { [attr]: value || undefined });
    const empty = Object.keys(existing.$descriptor.propertiesByName).filter(k => !k.includes(':') && !k.startsWith('$')).every(k => !existing[k]);
    if (empty) modeling.updateModdleProperties(element, container, { values: container.values.filter(v => v !== existing) });
  } else if (value) {
    const created = moddle.create(extensionType(name), { [attr]: value });
    created.$parent = container;
    modeling.updateModdleProperties(element, container, { values: [...container.get('values'), created] });
  }
}

for (const input of extInputs) {
  input.addEventListener('change', () => selected && updateExtension(selected, input.dataset.ext, input.dataset.attr, input.value.trim()));
}

function updateTimer() {
  const timer = selected && timerOf(selected.businessObject);
  if (!timer) return;
  const properties = Object.fromEntries(timerKinds.map(k => [k, undefined]));
  if (timerValue.value.trim()) {
    properties[timerKind.value] = moddle.create('bpmn:FormalExpression', { body: timerValue.value.trim() });
  }
  modeling.updateModdleProperties(selected, timer, properties);
}
timerKind.addEventListener('change', updateTimer);
timerValue.addEventListener('change', updateTimer);

// --- Diff of two deployed versions (bpmn-js-differ) ------------------------------------------------------------
const diffOld = new BpmnViewer({ container: '#diff-old', additionalModules: [translator(bpmnJa)], moddleExtensions: { tsunagu } });
const diffNew = new BpmnViewer({ container: '#diff-new', additionalModules: [translator(bpmnJa)], moddleExtensions: { tsunagu } });

async function versionXml(version) {
  const response = await fetch(`/designer?handler=ProcessVersion&version=${encodeURIComponent(version)}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`第${version}版を読めません（${response.status}）`);
  return response.text();
}

function mark(viewer, ids, marker) {
  const canvas = viewer.get('canvas');
  const elements = viewer.get('elementRegistry');
  for (const id of ids) if (elements.get(id)) canvas.addMarker(id, marker);
}

// The viewers measure their containers: the result is shown before the versions are drawn into it.
async function showDiff(from, to) {
  const [older, newer] = await Promise.all([versionXml(from), versionXml(to)]);
  document.getElementById('diff-result').hidden = false;
  await diffOld.importXML(older);
  await diffNew.importXML(newer);
  for (const viewer of [diffOld, diffNew]) viewer.get('canvas').zoom('fit-viewport');
  const changes = diff(diffOld.getDefinitions(), diffNew.getDefinitions());
  const added = Object.keys(changes._added);
  const removed = Object.keys(changes._removed);
  const changed = Object.keys(changes._changed);
  const layout = Object.keys(changes._layoutChanged).filter(id => !changes._changed[id]);
  mark(diffOld, removed, 'diff-removed');
  mark(diffOld, changed, 'diff-changed');
  mark(diffNew, added, 'diff-added');
  mark(diffNew, changed, 'diff-changed');
  mark(diffNew, layout, 'diff-layout');
  document.getElementById('diff-from-caption').textContent = `比較元：第${from}版`;
  document.getElementById('diff-to-caption').textContent = `比較先：第${to}版`;
  document.getElementById('diff-summary').textContent =
    `追加 ${added.length} 件、削除 ${removed.length} 件、変更 ${changed.length} 件、配置のみ変更 ${layout.length} 件`;
  const name = (id, element) => escape(`${element?.name ?? element?.model?.name ?? ''} (${id})`);
  document.getElementById('diff-list').innerHTML = [
    ...added.map(id => `<li class="added" data-element="${escape(id)}">追加：${name(id, changes._added[id])}</li>`),
    ...removed.map(id => `<li class="removed" data-element="${escape(id)}">削除：${name(id, changes._removed[id])}</li>`),
    ...changed.map(id => `<li class="changed" data-element="${escape(id)}">変更：${name(id, changes._changed[id])} — ${escape(Object.keys(changes._changed[id].attrs).join('、') || 'Tsunagu の設定')}</li>`),
  ].join('');
}

document.getElementById('diff').addEventListener('click', async () => {
  try {
    await showDiff(document.getElementById('diff-from').value, document.getElementById('diff-to').value);
  } catch (error) {
    say('bpmn-status', `差分を表示できません：${error.message}`, 'error');
  }
});

window.tsunaguDesigner = { dmn, bpmn };
