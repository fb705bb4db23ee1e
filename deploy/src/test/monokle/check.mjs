// Runs Monokle (@monokle/validation) offline over rendered Kubernetes YAML and prints one JSON summary line.
// Usage: node check.mjs FILE.yaml...   Exit 0 always when the check ran; the Java test reads the summary.
// Plugins that download data at run time (kubernetes-schema, open-policy-agent) are off; every rule of the
// Pod Security Standards (baseline + restricted) and of the practices plugin is on, as an error.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createDefaultMonokleValidator } from '@monokle/validation';
import { parseAllDocuments } from 'yaml';

const files = process.argv.slice(2);
const resources = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  parseAllDocuments(text).forEach((doc, i) => {
    const content = doc.toJS();
    if (!content || !content.kind) return;
    resources.push({
      id: `${basename(file)}#${i}`, fileId: basename(file), filePath: file, fileOffset: doc.range?.[0] ?? 0,
      name: content.metadata?.name ?? '', apiVersion: content.apiVersion, kind: content.kind,
      namespace: content.metadata?.namespace, content, text: String(doc),
    });
  });
}

const rules = {};
for (let i = 101; i <= 111; i++) rules[`PSS${i}`] = 'err';
for (let i = 201; i <= 206; i++) rules[`PSS${i}`] = 'err';
for (const i of ['001', '002', '003', '004', '005']) rules[`KBP${i}`] = 'err';
for (let i = 100; i <= 116; i++) rules[`KBP${i}`] = 'err';

const validator = createDefaultMonokleValidator();
await validator.preload({
  plugins: {
    'pod-security-standards': true,
    'practices': true,
    'resource-links': true,
    'yaml-syntax': true,
    'kubernetes-schema': false,
    'open-policy-agent': false,
  },
  rules,
});
const response = await validator.validate({ resources });
const findings = [];
const suppressed = [];
const rulesEnabled = [];
for (const plugin of validator.getPlugins().filter(p => p.enabled)) {
  for (const rule of plugin.rules ?? []) {
    if (plugin.isRuleEnabled(rule.id)) rulesEnabled.push(rule.id);
  }
}
for (const run of response.runs) {
  for (const r of run.results) {
    const where = r.locations?.[1]?.logicalLocations?.[0]?.fullyQualifiedName ?? r.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
    const item = { rule: r.ruleId, level: r.level, message: r.message?.text, where };
    const accepted = (r.suppressions ?? []).some(s => s.status === 'accepted');
    (accepted ? suppressed : findings).push({ ...item, justification: r.suppressions?.[0]?.justification });
  }
}
console.log(JSON.stringify({ resources: resources.length, rulesEnabled, findings, suppressed }));
