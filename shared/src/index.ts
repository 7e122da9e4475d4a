export * from './enums.js';
export * from './transitions.js';
export * from './limits.js';
export * from './columns.js';
export * from './validation.js';
export * from './csv.js';
export * from './change-plan.js';
export * from './saved-views.js';
