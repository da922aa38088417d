/** The data type of a zod schema exported by @cd/shared, without importing zod (or the schema) at runtime. */
export type Infer<T extends { _output: unknown }> = T['_output'];
