/** The page number a `?page=` search parameter asks for, clamped to 1…`pages`; anything malformed is page 1. */
export function pageParam(value: string | string[] | undefined, total: number, pageSize: number): number {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page >= 1 ? Math.min(page, pages) : 1;
}
