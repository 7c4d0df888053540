// A small GitHub REST API on 127.0.0.1 for tests: the shapes lorescope uses (check runs, issue
// comments, pull requests, commit patches), pagination by Link headers, and scripted failures
// (502, rate limits) in front of any route. Every request is recorded for assertions.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** Path without the query (and without the GitHub Enterprise `/api/v3` prefix). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined. */
  body: any;
}

export interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string | null;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text?: string | null };
  annotations: any[];
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

export interface FakeCommit {
  sha: string;
  /** `git format-patch` text of the commit, as GitHub serves it for `Accept: application/vnd.github.patch`. */
  patch: string;
}

export interface FakePull {
  title: string;
  body: string | null;
  user: { login: string; id: number };
  created_at: string;
  head: { sha: string; ref: string };
  base: { sha: string; ref: string };
  commits: FakeCommit[];
}

interface Script {
  method: string;
  path: RegExp;
  responses: Scripted[];
}

export class FakeGithub {
  readonly requests: Recorded[] = [];
  checkRuns: CheckRun[] = [];
  readonly comments = new Map<string, Comment[]>();
  readonly pulls = new Map<string, FakePull>();
  /** When set, requests without `authorization: token <this>` get 401. */
  token: string | null = null;
  /** GitHub caps per_page at 100; tests lower it to make pagination happen on small data. */
  maxPerPage = 100;
  /** API path prefix (GitHub Enterprise serves the API under /api/v3). */
  prefix = '';
  private scripts: Script[] = [];
  private nextId = 1000;
  private server!: http.Server;
  url = '';

  static async start(): Promise<FakeGithub> {
    const f = new FakeGithub();
    f.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => f.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((ok) => f.server.listen(0, '127.0.0.1', ok));
    f.url = `http://127.0.0.1:${(f.server.address() as AddressInfo).port}`;
    return f;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }

  /** The next requests matching METHOD and path get these responses, in order, before the real route. */
  inject(method: string, path: RegExp, ...responses: Scripted[]): void {
    this.scripts.push({ method, path, responses });
  }

  /** Requests other than the scripted failures, e.g. `made('POST')`. */
  made(method?: string, path?: RegExp): Recorded[] {
    return this.requests.filter((r) => (!method || r.method === method) && (!path || path.test(r.path)));
  }

  addComment(owner: string, repo: string, n: number, body: string, login = 'someone'): Comment {
    const c = { id: this.nextId++, body, user: { login } };
    this.commentList(owner, repo, n).push(c);
    return c;
  }

  commentList(owner: string, repo: string, n: number): Comment[] {
    const key = `${owner}/${repo}#${n}`;
    if (!this.comments.has(key)) this.comments.set(key, []);
    return this.comments.get(key)!;
  }

  addPull(owner: string, repo: string, n: number, pull: FakePull): void {
    this.pulls.set(`${owner}/${repo}#${n}`, pull);
  }

  private handle(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const u = new URL(req.url ?? '/', this.url);
    let path = u.pathname;
    if (this.prefix && path.startsWith(this.prefix)) path = path.slice(this.prefix.length);
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const method = req.method ?? 'GET';
    this.requests.push({ method, path, query: u.searchParams, headers: req.headers, body });
    const send = (r: Scripted) => {
      const isText = typeof r.body === 'string';
      res.writeHead(r.status, {
        'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
        'x-ratelimit-remaining': '4999',
        ...r.headers,
      });
      res.end(r.body === undefined ? '' : isText ? r.body : JSON.stringify(r.body));
    };
    const script = this.scripts.find((s) => s.method === method && s.path.test(path) && s.responses.length);
    if (script) return send(script.responses.shift()!);
    if (this.token !== null && req.headers.authorization !== `token ${this.token}`) {
      return send({ status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } });
    }
    send(this.route(method, path, u, body, req.headers));
  }

  private page<T>(items: T[], u: URL): Scripted {
    const per = Math.min(Number(u.searchParams.get('per_page') ?? 30) || 30, this.maxPerPage);
    const page = Math.max(1, Number(u.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / per));
    const link = (p: number) => {
      const v = new URL(u.href);
      v.searchParams.set('per_page', String(per));
      v.searchParams.set('page', String(p));
      return v.href;
    };
    const rels = [];
    if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) rels.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
    return { status: 200, body: items.slice((page - 1) * per, page * per), headers: rels.length ? { link: rels.join(', ') } : {} };
  }

  private route(method: string, path: string, u: URL, body: any, headers: IncomingHttpHeaders): Scripted {
    const notFound: Scripted = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/check-runs$/.exec(path))) {
      const name = u.searchParams.get('check_name');
      const runs = this.checkRuns.filter((r) => r.head_sha === m![3] && (!name || r.name === name)).reverse();
      return { status: 200, body: { total_count: runs.length, check_runs: runs.map(({ annotations, ...r }) => ({ ...r, output: { ...r.output, annotations_count: annotations.length } })) } };
    }
    if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) {
      if (!body?.name || !body?.head_sha) return { status: 422, body: { message: 'Invalid request.' } };
      if ((body.output?.annotations?.length ?? 0) > 50) return { status: 422, body: { message: 'Only 50 annotations are allowed per request' } };
      const run: CheckRun = {
        id: this.nextId++, name: body.name, head_sha: body.head_sha, external_id: body.external_id ?? null,
        status: body.status ?? 'queued', conclusion: body.conclusion ?? null,
        output: { title: body.output?.title ?? null, summary: body.output?.summary ?? null, text: body.output?.text ?? null },
        annotations: [...(body.output?.annotations ?? [])],
      };
      this.checkRuns.push(run);
      return { status: 201, body: { ...run, annotations: undefined } };
    }
    if (method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path))) {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return notFound;
      if ((body.output?.annotations?.length ?? 0) > 50) return { status: 422, body: { message: 'Only 50 annotations are allowed per request' } };
      if (body.status) run.status = body.status;
      if (body.conclusion) run.conclusion = body.conclusion;
      if (body.output) {
        run.output = { title: body.output.title ?? run.output.title, summary: body.output.summary ?? run.output.summary, text: body.output.text ?? run.output.text };
        // As on GitHub: annotations of every update are appended to the run's list.
        run.annotations.push(...(body.output.annotations ?? []));
      }
      return { status: 200, body: { ...run, annotations: undefined } };
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      return this.page(this.commentList(m[1], m[2], Number(m[3])), u);
    }
    if (method === 'POST' && (m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      if (typeof body?.body !== 'string') return { status: 422, body: { message: 'Invalid request.' } };
      return { status: 201, body: this.addComment(m[1], m[2], Number(m[3]), body.body, 'github-actions[bot]') };
    }
    if (method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))) {
      const c = [...this.comments.values()].flat().find((x) => x.id === Number(m![1]));
      if (!c) return notFound;
      c.body = body.body;
      return { status: 200, body: c };
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(path))) {
      const p = this.pulls.get(`${m[1]}/${m[2]}#${m[3]}`);
      if (!p) return notFound;
      const { commits, ...rest } = p;
      return { status: 200, body: { ...rest, number: Number(m[3]), commits: commits.length, html_url: `https://github.com/${m[1]}/${m[2]}/pull/${m[3]}` } };
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/commits$/.exec(path))) {
      const p = this.pulls.get(`${m[1]}/${m[2]}#${m[3]}`);
      if (!p) return notFound;
      return this.page(p.commits.map((c, i) => ({ sha: c.sha, parents: [{ sha: i ? p.commits[i - 1].sha : p.base.sha }], commit: { message: c.patch.slice(0, 80) } })), u);
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]{40})$/.exec(path))) {
      const commit = [...this.pulls.entries()].filter(([k]) => k.startsWith(`${m![1]}/${m![2]}#`)).flatMap(([, p]) => p.commits).find((c) => c.sha === m![3]);
      if (!commit) return { status: 422, body: { message: `No commit found for SHA: ${m[3]}` } };
      if (!/application\/vnd\.github(\.v3)?\.patch/.test(String(headers.accept))) return { status: 200, body: { sha: commit.sha } };
      return { status: 200, body: commit.patch, headers: { 'content-type': 'text/plain; charset=utf-8' } };
    }
    return notFound;
  }
}

/** GitHub's primary rate-limit answer: 403, remaining 0, reset a moment from now. */
export function rateLimited(resetInS = 1, status = 403): Scripted {
  return {
    status,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInS) },
    body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
  };
}

export const badGateway = (): Scripted => ({ status: 502, body: { message: 'Server Error' } });
