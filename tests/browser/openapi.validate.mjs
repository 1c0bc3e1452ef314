// Validates an OpenAPI document with @readme/openapi-parser (OpenAPI 3.0 and 3.1, the official
// JSON schemas plus its own checks: unique operation ids, path parameters declared, $refs that
// resolve). Usage: node openapi.validate.mjs FILE. Prints the outcome; exit 1 when invalid.
import { validate } from '@readme/openapi-parser';
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const doc = JSON.parse(readFileSync(file, 'utf8'));
const result = await validate(doc);
if (result.valid) {
  console.log(`geldig: ${file} (${result.specification} ${doc.openapi})`);
  for (const w of result.warnings) console.log(`waarschuwing: ${JSON.stringify(w)}`);
  process.exit(0);
}
console.log(`ongeldig: ${file}`);
console.log(JSON.stringify(result.errors, null, 2));
process.exit(1);
