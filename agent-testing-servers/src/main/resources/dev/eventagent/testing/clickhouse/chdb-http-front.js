'use strict';
/*
 * chdb-http-front: ClickHouse's HTTP interface, as much of it as the tests need, in front of the
 * ClickHouse engine of npm's chdb package. libchdb runs ClickHouse in-process and has no server of
 * its own, so this script is the server: a test-only stand-in, started by the testkit's
 * TestingClickHouseServer (ClickHouseEngine.CHDB), never shipped to users.
 *
 *   node chdb-http-front.js --chdb DIR --data DIR --users FILE [--port N]
 *
 *   --chdb   the installed chdb package (…/node_modules/chdb)
 *   --data   the engine's data directory (one per front; chdb binds one per process)
 *   --users  a JSON object of user name -> password; every request must name one of them
 *   --port   the port on 127.0.0.1, 0 (the default) for any free one
 *
 * When it listens it prints one line on stdout:
 *   chdb-http-front ready port=<port> version=<engine version> chdb=<package version>
 * It stops on SIGTERM or SIGINT, and when its standard input closes (the JVM that started it is gone).
 *
 * What it speaks (the shapes of ClickHouse's HTTPHandler):
 *   GET/POST /            the query in the URL (query=) and/or the body; a URL query and a body are one
 *                         text joined by a newline (the body is an INSERT's data)
 *   database, default_format (URL) or X-ClickHouse-Database, X-ClickHouse-Format (headers, which win)
 *   user/password (URL), X-ClickHouse-User/X-ClickHouse-Key, or HTTP Basic; mixing them is refused
 *   param_<name>          query parameters for {name:Type} placeholders
 *   any other URL param   a setting, applied before the query (SET); unknown ones fail as the engine says
 *   GET                   readonly = 2, as a server does
 *   /ping, GET / without a query   "Ok."
 *   errors                "Code: N. DB::Exception: …" with X-ClickHouse-Exception-Code and the status
 *                         a server gives that code (400, 401, 403, 404, 413, 500, 501, 503)
 *   responses             X-ClickHouse-Query-Id, X-ClickHouse-Format, X-ClickHouse-Timezone,
 *                         X-ClickHouse-Summary (result_rows, result_bytes, elapsed_ns)
 * What it refuses (Code 48 NOT_IMPLEMENTED, HTTP 501): ClickHouse's own LZ4 framing (compress=1,
 * decompress=1), sessions (session_id), roles (role). It never compresses a response.
 * INSERT … FORMAT <format> with its rows after the statement goes through the engine's raw insert
 * (the rows are handed over as bytes; the engine never reads this process's standard input, which
 * is the front's tie to its parent); the formats are those chdb's raw insert takes (JSONEachRow,
 * JSONCompactEachRow, TabSeparated[WithNames], CSV[WithNames]), others are refused.
 * Known differences from a server: the engine also runs several statements separated by ';' in
 * one request (a server refuses them), and the output format a response names is found by looking
 * for a trailing FORMAT clause.
 */

const http = require('http');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');
const fs = require('fs');

const RESERVED = new Set(['query', 'database', 'default_format', 'user', 'password', 'quota_key', 'query_id',
  'stacktrace', 'buffer_size', 'wait_end_of_query', 'session_check', 'session_timeout']);
const NOT_IMPLEMENTED = {
  compress: "ClickHouse's LZ4 framing of responses (compress=1)",
  decompress: "ClickHouse's LZ4 framing of request bodies (decompress=1)",
  session_id: 'sessions (session_id)',
  role: 'roles (role)',
};
const STATUS_BY_NAME = {};
for (const name of ['REQUIRED_PASSWORD']) STATUS_BY_NAME[name] = 401;
for (const name of ['UNKNOWN_USER', 'WRONG_PASSWORD', 'AUTHENTICATION_FAILED']) STATUS_BY_NAME[name] = 403;
for (const name of ['CANNOT_PARSE_TEXT', 'CANNOT_PARSE_ESCAPE_SEQUENCE', 'CANNOT_PARSE_QUOTED_STRING',
  'CANNOT_PARSE_DATE', 'CANNOT_PARSE_DATETIME', 'CANNOT_PARSE_NUMBER', 'CANNOT_PARSE_INPUT_ASSERTION_FAILED',
  'UNKNOWN_ELEMENT_IN_AST', 'UNKNOWN_TYPE_OF_AST_NODE', 'TOO_DEEP_AST', 'TOO_BIG_AST', 'UNEXPECTED_AST_STRUCTURE',
  'SYNTAX_ERROR', 'INCORRECT_DATA', 'TYPE_MISMATCH']) STATUS_BY_NAME[name] = 400;
for (const name of ['UNKNOWN_TABLE', 'UNKNOWN_FUNCTION', 'UNKNOWN_IDENTIFIER', 'UNKNOWN_TYPE', 'UNKNOWN_STORAGE',
  'UNKNOWN_DATABASE', 'UNKNOWN_SETTING', 'UNKNOWN_DIRECTION_OF_SORTING', 'UNKNOWN_AGGREGATE_FUNCTION',
  'UNKNOWN_FORMAT', 'UNKNOWN_DATABASE_ENGINE', 'UNKNOWN_TYPE_OF_QUERY']) STATUS_BY_NAME[name] = 404;
STATUS_BY_NAME.QUERY_IS_TOO_LARGE = 413;
STATUS_BY_NAME.NOT_IMPLEMENTED = 501;
STATUS_BY_NAME.SOCKET_TIMEOUT = 503;
STATUS_BY_NAME.CANNOT_OPEN_FILE = 503;
STATUS_BY_NAME.HTTP_LENGTH_REQUIRED = 411;
const RAW_INSERT_FORMATS = ['JSONEachRow', 'JSONCompactEachRow', 'TabSeparated', 'TSV', 'TabSeparatedWithNames',
  'TSVWithNames', 'CSV', 'CSVWithNames'];
const IDENTIFIER = '(?:`[A-Za-z_][A-Za-z0-9_]*`|[A-Za-z_][A-Za-z0-9_]*)';
const INSERT_WITH_ROWS = new RegExp(`^\\s*INSERT\\s+INTO\\s+(${IDENTIFIER}(?:\\.${IDENTIFIER})?)\\s*`
  + `(?:\\(([^)]*)\\))?\\s*FORMAT\\s+([A-Za-z][A-Za-z0-9_]*)[ \\t]*(?:\\r?\\n|$)`, 'i');
const CONTENT_TYPES = {
  JSONEachRow: 'application/x-ndjson; charset=UTF-8',
  JSON: 'application/json; charset=UTF-8',
  JSONCompact: 'application/json; charset=UTF-8',
  TabSeparated: 'text/tab-separated-values; charset=UTF-8',
  TSV: 'text/tab-separated-values; charset=UTF-8',
  CSV: 'text/csv; charset=UTF-8; header=absent',
};

/** An error in ClickHouse's shape. */
class ClickHouseError extends Error {
  constructor(code, name, text) {
    super(`Code: ${code}. DB::Exception: ${text}. (${name})`);
    this.code = code;
    this.codeName = name;
  }
}

function parseArguments(argv) {
  const options = { port: '0' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!key.startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`usage: node chdb-http-front.js --chdb DIR --data DIR --users FILE [--port N]; got ${argv.join(' ')}`);
    }
    options[key.substring(2)] = argv[i + 1];
  }
  for (const required of ['chdb', 'data', 'users']) {
    if (!options[required]) {
      throw new Error(`--${required} is missing (usage: node chdb-http-front.js --chdb DIR --data DIR --users FILE)`);
    }
  }
  return options;
}

/** The value of a param_ URL parameter as the engine's binding takes it (it escapes strings itself). */
function unescapeParameter(text) {
  if (text === '\\N') return null;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[++i];
    switch (next) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case '0': out += '\0'; break;
      case 'a': out += '\x07'; break;
      case 'v': out += '\v'; break;
      case 'e': out += '\x1b'; break;
      case 'x':
        if (/^[0-9A-Fa-f]{2}$/.test(text.substring(i + 1, i + 3))) {
          out += String.fromCharCode(parseInt(text.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out += 'x';
        }
        break;
      default: out += next;
    }
  }
  return out;
}

function quoteString(value) {
  return "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

function quoteIdentifier(name) {
  return '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
}

function header(request, name) {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Who is asking: X-ClickHouse-User/Key, else HTTP Basic, else user/password in the URL. */
function credentials(request, params) {
  const user = header(request, 'X-ClickHouse-User');
  const key = header(request, 'X-ClickHouse-Key');
  const authorization = header(request, 'Authorization');
  if (user !== undefined || key !== undefined) {
    if (authorization !== undefined || params.has('user') || params.has('password')) {
      throw new ClickHouseError(516, 'AUTHENTICATION_FAILED', 'Invalid authentication: it is not allowed to use '
        + 'X-ClickHouse HTTP headers and other authentication methods simultaneously');
    }
    return { user: user || 'default', password: key || '' };
  }
  if (authorization !== undefined) {
    if (params.has('user') || params.has('password')) {
      throw new ClickHouseError(516, 'AUTHENTICATION_FAILED', 'Invalid authentication: it is not allowed to use '
        + 'Authorization HTTP header and authentication via parameters simultaneously');
    }
    const [scheme, encoded] = authorization.split(' ', 2);
    if (!scheme || scheme.toLowerCase() !== 'basic' || !encoded) {
      throw new ClickHouseError(516, 'AUTHENTICATION_FAILED',
        `Invalid authentication: '${scheme}' HTTP Authorization scheme is not supported`);
    }
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? { user: decoded, password: '' }
      : { user: decoded.substring(0, colon), password: decoded.substring(colon + 1) };
  }
  return { user: params.get('user') || 'default', password: params.get('password') || '' };
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function decodeBody(request, body) {
  const encoding = (header(request, 'Content-Encoding') || '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return body;
  if (encoding === 'gzip') return zlib.gunzipSync(body);
  if (encoding === 'deflate') return zlib.inflateSync(body);
  if (encoding === 'br') return zlib.brotliDecompressSync(body);
  throw new ClickHouseError(48, 'NOT_IMPLEMENTED',
    `the test front does not decode request bodies with Content-Encoding: ${encoding}`);
}

/** The output format a response is in: a trailing FORMAT clause of a query, else the default. */
function effectiveFormat(text, defaultFormat, formats) {
  if (!/^\s*INSERT\b/i.test(text)) {
    const matches = [...text.matchAll(/\bFORMAT\s+([A-Za-z][A-Za-z0-9_]*)/gi)];
    if (matches.length > 0) {
      const written = matches[matches.length - 1][1];
      return formats.get(written.toLowerCase()) || written;
    }
  }
  return defaultFormat;
}

function statusFor(error) {
  const name = /\(([A-Z0-9_]+)\)\s*$/.exec(error.message);
  return (name && STATUS_BY_NAME[name[1]]) || 500;
}

function codeOf(error) {
  if (typeof error.code === 'number') return error.code;
  if (typeof error.clickhouseCode === 'number') return error.clickhouseCode;
  const match = /^\s*Code: (\d+)/.exec(String(error.message));
  return match ? Number(match[1]) : 1001; // STD_EXCEPTION
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const chdbDir = path.resolve(options.chdb);
  const chdb = require(chdbDir);
  const packageVersion = require(path.join(chdbDir, 'package.json')).version;
  const users = JSON.parse(fs.readFileSync(options.users, 'utf8'));
  const dataDir = path.resolve(options.data);
  fs.mkdirSync(dataDir, { recursive: true });

  // Held for the front's lifetime: libchdb binds one data directory per process, and every
  // request's own session joins it.
  const anchor = new chdb.Session(dataDir);
  const about = (await anchor.queryAsync('SELECT version() AS version, timezone() AS timezone',
    { format: 'JSONEachRow' })).json();
  const formats = new Map();
  for (const line of (await anchor.queryAsync('SELECT name FROM system.formats WHERE is_output',
    { format: 'JSONEachRow' })).text().split('\n')) {
    if (line.trim()) {
      const name = JSON.parse(line).name;
      formats.set(name.toLowerCase(), name);
    }
  }
  const build = `chdb ${packageVersion}, behind chdb-http-front`;

  /** An INSERT … FORMAT whose rows follow it: the target, the columns, the format and the rows. */
  function insertWithRows(query, body) {
    const statement = query === null ? body.toString('utf8') : query;
    const match = INSERT_WITH_ROWS.exec(statement);
    if (!match) return null;
    const format = formats.get(match[3].toLowerCase()) || match[3];
    if (!RAW_INSERT_FORMATS.includes(format)) {
      throw new ClickHouseError(48, 'NOT_IMPLEMENTED', `the test front inserts rows only in the formats `
        + `${RAW_INSERT_FORMATS.join(', ')}, not ${match[3]}`);
    }
    const unquote = (name) => name.trim().replace(/^`(.*)`$/, '$1');
    const table = match[1].split('.').map(unquote).join('.');
    const columns = match[2] === undefined ? undefined : match[2].split(',').map(unquote);
    let rows;
    if (query === null) {
      rows = body.subarray(Buffer.byteLength(statement.substring(0, match[0].length), 'utf8'));
    } else {
      const rest = query.substring(match[0].length);
      rows = rest.trim() === '' ? body : Buffer.concat([Buffer.from(rest + (body.length > 0 ? '\n' : ''), 'utf8'), body]);
    }
    return { table, columns, format, rows };
  }

  async function execute(request, params, query, body) {
    const database = header(request, 'X-ClickHouse-Database') || params.get('database') || 'default';
    const defaultFormat = header(request, 'X-ClickHouse-Format') || params.get('default_format') || 'TabSeparated';
    const settings = [];
    const queryParameters = {};
    for (const [key, value] of params) {
      if (key === '' || RESERVED.has(key)) continue;
      if (NOT_IMPLEMENTED[key] !== undefined) {
        if (value === '' || value === '0' || value === 'false') continue;
        throw new ClickHouseError(48, 'NOT_IMPLEMENTED', `the test front does not implement ${NOT_IMPLEMENTED[key]}`);
      }
      if (key.startsWith('param_')) {
        queryParameters[key.substring('param_'.length)] = unescapeParameter(value);
      } else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        throw new ClickHouseError(115, 'UNKNOWN_SETTING', `Unknown setting '${key}'`);
      } else {
        settings.push([key, value]);
      }
    }
    if (request.method === 'GET' && !settings.some(([key]) => key === 'readonly')) {
      settings.push(['readonly', '2']); // only reading queries over GET, as a server allows
    }
    const insert = insertWithRows(query, body);
    const bodyText = insert === null ? body.toString('utf8') : '';
    const text = query === null ? bodyText : (bodyText.length > 0 ? query + '\n' + bodyText : query);
    if (insert === null && text.trim() === '') {
      throw new ClickHouseError(62, 'SYNTAX_ERROR', 'Empty query');
    }
    const session = new chdb.Session(dataDir);
    try {
      await session.queryAsync(`USE ${quoteIdentifier(database)}`);
      for (const [key, value] of settings) {
        await session.queryAsync(`SET ${key} = ${quoteString(value)}`);
      }
      const started = process.hrtime.bigint();
      if (insert !== null) {
        const written = await session.insert({ table: insert.table, columns: insert.columns, format: insert.format,
          values: insert.rows });
        return {
          bytes: Buffer.alloc(0),
          format: defaultFormat,
          summary: {
            written_rows: String(written.rowsWritten),
            written_bytes: String(written.bytesWritten),
            elapsed_ns: String(process.hrtime.bigint() - started),
          },
        };
      }
      const result = Object.keys(queryParameters).length > 0
        ? await session.queryBindAsync(text, queryParameters, { format: defaultFormat })
        : await session.queryAsync(text, { format: defaultFormat });
      const bytes = Buffer.from(result.bytes());
      return {
        bytes,
        format: effectiveFormat(text, defaultFormat, formats),
        summary: {
          result_rows: String(result.rowsRead || 0),
          result_bytes: String(bytes.length),
          elapsed_ns: String(process.hrtime.bigint() - started),
        },
      };
    } finally {
      session.close();
    }
  }

  async function handle(request, response) {
    const url = new URL(request.url, 'http://127.0.0.1');
    const queryId = url.searchParams.get('query_id') || header(request, 'X-ClickHouse-Query-Id') || crypto.randomUUID();
    response.setHeader('X-ClickHouse-Server-Display-Name', 'chdb-http-front');
    response.setHeader('X-ClickHouse-Query-Id', queryId);
    try {
      const body = decodeBody(request, await readBody(request));
      if (url.pathname === '/ping' || url.pathname === '/replicas_status') {
        response.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' }).end('Ok.\n');
        return;
      }
      if (url.pathname !== '/') {
        throw new ClickHouseError(48, 'NOT_IMPLEMENTED', `the test front has no handler for ${url.pathname}`);
      }
      const query = url.searchParams.get('query');
      if (request.method === 'GET' && query === null) {
        response.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' }).end('Ok.\n');
        return;
      }
      if (request.method !== 'GET' && request.method !== 'POST') {
        throw new ClickHouseError(48, 'NOT_IMPLEMENTED', `the test front does not answer ${request.method}`);
      }
      const { user, password } = credentials(request, url.searchParams);
      if (!Object.prototype.hasOwnProperty.call(users, user) || users[user] !== password) {
        throw new ClickHouseError(516, 'AUTHENTICATION_FAILED',
          `${user}: Authentication failed: password is incorrect, or there is no user with such name`);
      }
      const { bytes, summary, format } = await execute(request, url.searchParams, query, body);
      response.writeHead(200, {
        'Content-Type': CONTENT_TYPES[format] || 'text/plain; charset=UTF-8',
        'X-ClickHouse-Format': format,
        'X-ClickHouse-Timezone': about.timezone,
        'X-ClickHouse-Summary': JSON.stringify(summary),
        'Content-Length': bytes.length,
      });
      response.end(bytes);
    } catch (error) {
      const message = String(error && error.message ? error.message : error).replace(/\s+$/, '');
      const code = codeOf(error);
      const status = error instanceof ClickHouseError ? statusFor(error) : statusFor({ message });
      process.stderr.write(`${new Date().toISOString()} ${request.method} ${url.pathname} -> ${status}: ${message}\n`);
      const text = (message.startsWith('Code: ') ? message
        : `Code: ${code}. DB::Exception: ${message}. (STD_EXCEPTION)`) + ` (version ${about.version} (${build}))\n`;
      response.writeHead(status, {
        'Content-Type': 'text/plain; charset=UTF-8',
        'X-ClickHouse-Exception-Code': String(code),
      });
      response.end(text);
    }
  }

  const server = http.createServer({ maxHeaderSize: 1024 * 1024 }, (request, response) => {
    handle(request, response).catch((error) => {
      process.stderr.write(`cannot answer a request: ${error && error.stack ? error.stack : error}\n`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  let stopping = false;
  async function stop(reason) {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${new Date().toISOString()} stopping: ${reason}\n`);
    server.close();
    server.closeAllConnections();
    try {
      await chdb.drainPending();
      anchor.close();
    } finally {
      process.exit(0);
    }
  }
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.stdin.on('end', () => stop('standard input closed (the process that started the front is gone)'));
  process.stdin.on('error', () => stop('standard input failed'));
  process.stdin.resume();

  server.listen(Number(options.port), '127.0.0.1', () => {
    process.stdout.write(`chdb-http-front ready port=${server.address().port} version=${about.version} `
      + `chdb=${packageVersion}\n`);
  });
}

main().catch((error) => {
  process.stderr.write(`chdb-http-front cannot start: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
