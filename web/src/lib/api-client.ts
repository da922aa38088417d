import type { Problem } from '@cd/shared';

export type ProblemRowError = NonNullable<Problem['errors']>[number];

/** An API answer other than 2xx, carrying the problem+json details when the server sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: ProblemRowError[];

  constructor(status: number, problem: Partial<Problem> | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem?.title ?? '';
    this.detail = problem?.detail ?? '';
    this.errors = problem?.errors ?? [];
  }
}

/** Thrown when the server cannot be reached at all. */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

const API_ROOT = '/api/v1';
const unauthorizedListeners = new Set<() => void>();

/** Called whenever the API answers 401 (the session expired or was ended elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type QueryValue = string | number | boolean | null | undefined;

export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `${API_ROOT}${path}${qs ? `?${qs}` : ''}`;
}

function parseProblem(text: string): Partial<Problem> | null {
  try {
    return JSON.parse(text) as Partial<Problem>;
  } catch {
    return null;
  }
}

function reportUnauthorized(status: number, path: string) {
  if (status === 401 && path !== '/sessions') for (const l of unauthorizedListeners) l();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/** One JSON request to the API; resolves with the parsed body (null for 204), rejects with ApiError or NetworkError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers: { Accept: 'application/json', ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new NetworkError();
  }
  const text = await res.text();
  if (!res.ok) {
    reportUnauthorized(res.status, path);
    throw new ApiError(res.status, parseProblem(text));
  }
  return (text ? JSON.parse(text) : null) as T;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Posts a file as multipart field `file` with XMLHttpRequest, because fetch cannot report upload progress.
 * Resolves with the parsed JSON body; rejects with ApiError or NetworkError.
 */
export function apiUpload<T>(
  path: string,
  file: File,
  options: { query?: Record<string, QueryValue>; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, options.query));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => options.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.({ loaded: file.size, total: file.size });
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : null) as T);
      } else {
        reportUnauthorized(xhr.status, path);
        reject(new ApiError(xhr.status, parseProblem(xhr.responseText)));
      }
    };
    xhr.onerror = () => reject(new NetworkError());
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Posts JSON and saves the answer as a file (its name from Content-Disposition); rejects with ApiError or NetworkError. */
export async function apiDownload(path: string, body: unknown, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method: 'POST',
      headers: { Accept: '*/*', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new NetworkError();
  }
  if (!res.ok) {
    reportUnauthorized(res.status, path);
    throw new ApiError(res.status, parseProblem(await res.text()));
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
