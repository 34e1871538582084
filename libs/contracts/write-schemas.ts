// Writes the JSON Schema of every topic's message to libs/contracts/schemas (npm run contracts:schemas).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from './src/registry';

const dir = join(__dirname, 'schemas');
mkdirSync(dir, { recursive: true });
for (const [topic, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(join(dir, `${topic}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
