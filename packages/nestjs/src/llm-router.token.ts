/** Injects the module's `Router` itself: `@Inject(LLM_ROUTER) router: Router`. */
export const LLM_ROUTER = Symbol.for('modelmux.nestjs.router');
