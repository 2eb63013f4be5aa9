import { describe } from 'vitest';
import { start } from '../../examples/express/src/start.js';
import { exampleContract } from './run-example.js';

describe('examples/express', () => exampleContract(start));
