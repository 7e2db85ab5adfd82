export * from './users.js';
export * from './banking.js';
