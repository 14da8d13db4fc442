// Raw-socket HTTP clients for the hostile-input tests (tests/e2e/test_hostile_*.sh), where curl cannot help:
// bytes exactly as given, pipelining, slow and idle connections. Loopback only; prints JSON on stdout.
//
//   node raw_http.mjs send PORT [QUIET_MS]
//       Writes stdin to the server in one write, reads until the server closes the connection or nothing arrives
//       for QUIET_MS (default 3000), prints {"closed_by_server", "responses": [{status, headers, body}], "rest"}.
//   node raw_http.mjs slow PORT COUNT INTERVAL_MS MAX_MS
//       COUNT slowloris connections: a request head sent one byte every INTERVAL_MS, never finished. Prints
//       {"closed_by_server", "still_open", "answers": [statuses]} once all are closed or MAX_MS passed.
//   node raw_http.mjs idle PORT COUNT
//       Opens COUNT connections that never send a byte. Prints {"event":"ready","open","closed_by_server"} once
//       every connection attempt has settled, then one {"event":"closed",...} line whenever the server closed
//       more, and a last {"event":"end",...} line on SIGTERM (after which it closes its sockets and exits).
import net from "node:net";

const [mode, portText, ...rest] = process.argv.slice(2);
const port = Number(portText);
const host = "127.0.0.1";

// Splits a byte stream into HTTP/1.x responses (Content-Length bodies; no chunked answers from mytokend).
function parseResponses(buffer) {
  const responses = [];
  let offset = 0;
  for (;;) {
    const headEnd = buffer.indexOf("\r\n\r\n", offset);
    if (headEnd < 0) break;
    const [statusLine, ...lines] = buffer.subarray(offset, headEnd).toString("latin1").split("\r\n");
    const headers = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers["content-length"] ?? 0);
    const bodyStart = headEnd + 4;
    if (buffer.length < bodyStart + length) break;
    responses.push({
      status: Number(statusLine.split(" ")[1]),
      version: statusLine.split(" ")[0],
      headers,
      body: buffer.subarray(bodyStart, bodyStart + length).toString("utf8"),
    });
    offset = bodyStart + length;
  }
  return { responses, rest: buffer.subarray(offset).toString("latin1") };
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function send(quietMs) {
  const request = await readStdin();
  const socket = net.connect({ host, port });
  const received = [];
  let closedByServer = false;
  await new Promise((resolve) => {
    let quiet;
    const arm = () => {
      clearTimeout(quiet);
      quiet = setTimeout(resolve, quietMs);
    };
    socket.on("connect", () => {
      socket.write(request);
      arm();
    });
    socket.on("data", (d) => {
      received.push(d);
      arm();
    });
    socket.on("end", () => {
      closedByServer = true;
      clearTimeout(quiet);
      resolve();
    });
    socket.on("error", () => {
      closedByServer = true; // a reset is a close too
      clearTimeout(quiet);
      resolve();
    });
  });
  socket.destroy();
  const { responses, rest } = parseResponses(Buffer.concat(received));
  console.log(JSON.stringify({ closed_by_server: closedByServer, responses, rest }));
}

async function slow(count, intervalMs, maxMs) {
  const head = "POST /api/v0/token/my HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow: ";
  let closed = 0;
  const answers = [];
  const timers = [];
  const sockets = [];
  await new Promise((resolve) => {
    const deadline = setTimeout(resolve, maxMs);
    for (let i = 0; i < count; i++) {
      const socket = net.connect({ host, port });
      sockets.push(socket);
      let sent = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        closed++;
        clearInterval(timers[i]);
        if (closed === count) {
          clearTimeout(deadline);
          resolve();
        }
      };
      socket.on("connect", () => {
        timers[i] = setInterval(() => {
          // the header value never ends: the request head is never complete
          socket.write(sent < head.length ? head[sent] : "x");
          sent++;
        }, intervalMs);
      });
      socket.on("data", (d) => {
        for (const r of parseResponses(d).responses) answers.push(r.status);
      });
      socket.on("end", finish);
      socket.on("close", finish);
      socket.on("error", finish);
    }
  });
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.destroy();
  console.log(JSON.stringify({ closed_by_server: closed, still_open: count - closed, answers }));
}

function idle(count) {
  let open = 0;
  let closedByServer = 0;
  let failed = 0;
  let settled = 0;
  let ready = false;
  const sockets = [];
  const report = (event) => console.log(JSON.stringify({ event, open, closed_by_server: closedByServer, failed }));
  const settle = () => {
    settled++;
    if (!ready && settled === count) {
      ready = true;
      report("ready");
    }
  };
  // Connect in batches so that the listen backlog is never the limit being tested.
  const batch = 200;
  const connectBatch = (start) => {
    let pending = Math.min(batch, count - start);
    if (pending <= 0) return;
    for (let i = start; i < start + Math.min(batch, count - start); i++) {
      const socket = net.connect({ host, port });
      sockets.push(socket);
      let state = "connecting";
      const next = () => {
        if (--pending === 0) connectBatch(start + batch);
      };
      socket.on("connect", () => {
        state = "open";
        open++;
        settle();
        next();
      });
      const gone = () => {
        if (state === "open") {
          open--;
          closedByServer++;
          if (ready) report("closed");
        } else if (state === "connecting") {
          failed++;
          settle();
          next();
        }
        state = "gone";
      };
      socket.on("end", gone);
      socket.on("close", gone);
      socket.on("error", gone);
    }
  };
  connectBatch(0);
  process.on("SIGTERM", () => {
    report("end");
    for (const s of sockets) s.destroy();
    process.exit(0);
  });
}

switch (mode) {
  case "send":
    await send(Number(rest[0] ?? 3000));
    break;
  case "slow":
    await slow(Number(rest[0]), Number(rest[1]), Number(rest[2]));
    break;
  case "idle":
    idle(Number(rest[0]));
    break;
  default:
    console.error("usage: raw_http.mjs send|slow|idle PORT ...");
    process.exit(2);
}
