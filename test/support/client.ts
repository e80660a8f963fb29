import type { FastifyInstance } from 'fastify';
import { TEST_PASSWORD } from './app.js';

export interface Response {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
}

/** A browser-like client over fastify.inject: keeps cookies and sends the CSRF token from the last form. */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private keep(res: { headers: Record<string, unknown>; body: string }): void {
    const setCookie = res.headers['set-cookie'];
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [String(setCookie)] : [];
    for (const raw of list) {
      const [pair] = raw.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(raw)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token?.[1]) this.csrfToken = token[1];
  }

  async get(url: string): Promise<Response> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.keep(res);
    return { status: res.statusCode, body: res.body, headers: res.headers, location: res.headers.location as string | undefined };
  }

  /** A download's bytes as sent (XLSX, PDF). */
  async download(url: string): Promise<{ status: number; bytes: Buffer; headers: Response['headers'] }> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
  }

  /** Posts a form; fetches a CSRF token first if it has none (unless csrf: false). */
  async post(url: string, form: Record<string, string | string[]> = {}, options: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
    if (options.csrf !== false && !this.csrfToken) await this.get('/sign-in');
    const body = new URLSearchParams(options.csrf === false ? {} : { _csrf: this.csrfToken ?? '' });
    for (const [key, value] of Object.entries(form)) for (const v of ([] as string[]).concat(value)) body.append(key, v);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...options.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.keep(res);
    return { status: res.statusCode, body: res.body, headers: res.headers, location: res.headers.location as string | undefined };
  }

  /** Uploads one file as multipart/form-data, the CSRF token in the query string as the upload form does. */
  async upload(url: string, field: string, fileName: string, content: Buffer | string): Promise<Response> {
    if (!this.csrfToken) await this.get('/sign-in');
    const boundary = '----eyhubtest' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await this.app.inject({
      method: 'POST',
      url: `${url}?_csrf=${encodeURIComponent(this.csrfToken ?? '')}`,
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    this.keep(res);
    return { status: res.statusCode, body: res.body, headers: res.headers, location: res.headers.location as string | undefined };
  }

  async signIn(email: string, password = TEST_PASSWORD): Promise<Response> {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password });
  }
}
