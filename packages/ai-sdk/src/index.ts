export { createRouterProvider, type RouterProvider } from './create-router-provider.js';
