import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { placementLifecycleAsl } from '../statemachines/placement-lifecycle';

// `npm run asl`: the state machine both AWS and the local runtime run, written from its builder.
const file = path.resolve(import.meta.dirname, '..', 'statemachines', 'placement-lifecycle.asl.json');
writeFileSync(file, placementLifecycleAsl);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
