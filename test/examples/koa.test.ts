import { describe } from 'vitest';
import { start } from '../../examples/koa/src/start.js';
import { exampleContract } from './run-example.js';

describe('examples/koa', () => exampleContract(start));
