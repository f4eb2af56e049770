/**
 * The catalog's last answers, kept in localStorage so the catalog still shows courses when
 * offline (the catalog is public and not part of the synced database). A few recent
 * searches are kept, newest first.
 */
import type { CourseCard } from "../../../shared/api/catalog";

export interface CatalogPage {
  courses: CourseCard[];
  total: number;
}
export interface Category {
  id: string;
  name: string;
  slug: string;
}
interface Entry {
  key: string;
  at: string;
  page: CatalogPage;
}

const PAGES = "peerloop.catalog.pages";
const CATEGORIES = "peerloop.catalog.categories";
const KEEP = 8;

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the cache is a convenience only
  }
}

export function rememberPage(key: string, page: CatalogPage): void {
  const entries = read<Entry[]>(PAGES, []).filter((e) => e.key !== key);
  entries.unshift({ key, at: new Date().toISOString(), page });
  write(PAGES, entries.slice(0, KEEP));
}

/** The saved answer to this search, or else the most recent one (`exact` tells which). */
export function recallPage(key: string): (Entry & { exact: boolean }) | null {
  const entries = read<Entry[]>(PAGES, []);
  const hit = entries.find((e) => e.key === key);
  if (hit) return { ...hit, exact: true };
  const last = entries[0];
  return last ? { ...last, exact: false } : null;
}

export function rememberCategories(categories: Category[]): void {
  write(CATEGORIES, categories);
}

export function recallCategories(): Category[] {
  return read<Category[]>(CATEGORIES, []);
}
