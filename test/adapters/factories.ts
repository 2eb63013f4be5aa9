import type { AdapterAppFactory } from './app-factory.js';
import { expressApp } from './express-app.js';
import { koaApp } from './koa-app.js';
import { nestjsApp } from './nestjs-app.js';

/** Every framework the adapter contract runs against: one line per adapter. */
export const adapterFactories: AdapterAppFactory[] = [expressApp, koaApp, nestjsApp];
