declare module "*/check-bundle.mjs" { export const LIMIT_KB: number; export function firstLoadJs(root?: string): { files: { file: string; gzipKb: number }[]; totalKb: number }; }
