// Tsunagu's BPMN extensions (docs/adr/0003-bpmn-extensions.md) as a moddle descriptor, so bpmn-js reads and writes
// them as typed elements the properties panel can edit.
const attrs = (...names) => names.map(name => ({ name, isAttr: true, type: 'String' }));
const type = (name, ...names) => ({ name, superClass: ['Element'], properties: attrs(...names) });

export default {
  name: 'Tsunagu',
  uri: 'https://tsunagu.dev/schema/bpmn',
  prefix: 'tsunagu',
  xml: { tagAlias: 'lowerCase' },
  types: [
    type('Assignment', 'candidateInstitution', 'candidateRole', 'candidateUser', 'decision'),
    type('Form', 'ref'),
    type('Due', 'expression'),
    type('Handler', 'name'),
    type('Decision', 'ref', 'model', 'resultVariable'),
    type('Input', 'name', 'expression'),
    type('Output', 'name', 'expression'),
    type('Retry', 'attempts', 'backoff'),
    type('Correlation', 'key'),
    type('CalledVersion', 'binding', 'version'),
    type('MultiInstance', 'inputCollection', 'inputElement', 'outputCollection', 'outputElement'),
  ],
};
