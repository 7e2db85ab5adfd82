export * from './users.js';
export * from './banking.js';
export * from './budgets.js';
export * from './alerts.js';
