/** Why the built-in PostgreSQL could not be created, started or reached: said to the person starting CashView. */
export class BuiltinPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuiltinPostgresError';
  }
}
