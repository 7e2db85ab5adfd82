import { useState, type ChangeEvent } from 'react';
import { ApiError } from './api-client.js';

/** Form values plus the API's answer to them: field errors beside fields, the rest above. */
export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState(initial);
  const bind = (name: keyof T & string) => ({
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValues((current) => ({ ...current, [name]: event.target.value })),
  });
  return { values, setValues, bind };
}

export function errorsOf(error: unknown): { message?: string; fields: Record<string, string> } {
  if (!error) return { fields: {} };
  if (error instanceof ApiError) return { message: error.message, fields: error.fields };
  return { message: 'Something went wrong. Please try again.', fields: {} };
}
