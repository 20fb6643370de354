// Prints Tarang's live prices from the market hub, one line per update.
//
//   node watch.mjs --email asha@example.com --password 'a long passphrase'
//
// Options (or environment variables): --email (TARANG_EMAIL), --password (TARANG_PASSWORD),
// --server (TARANG_SERVER, default http://127.0.0.1:5080), --mode (ticker, quote or full; default
// quote), and instrument keys as the remaining arguments (default IDX_I:13 IDX_I:25 NSE_EQ:2885).
// The account is registered on first use and logged in to after that. Ctrl+C logs out and stops.
import { parseArgs } from "node:util";
import * as signalR from "@microsoft/signalr";

const DEFAULT_INSTRUMENTS = ["IDX_I:13", "IDX_I:25", "NSE_EQ:2885"]; // NIFTY 50, BANKNIFTY, RELIANCE
const HEARTBEAT_INTERVAL_MS = 60_000;

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string", default: process.env.TARANG_EMAIL },
    password: { type: "string", default: process.env.TARANG_PASSWORD },
    server: { type: "string", default: process.env.TARANG_SERVER ?? "http://127.0.0.1:5080" },
    mode: { type: "string", default: "quote" },
  },
});

if (!options.email || !options.password) {
  console.error("Give an account: --email EMAIL --password PASSWORD (or TARANG_EMAIL and TARANG_PASSWORD).");
  console.error("The account is registered on first use; the password needs at least 10 characters.");
  process.exit(2);
}

const server = options.server.replace(/\/+$/, "");
const instruments = positionals.length > 0 ? positionals : DEFAULT_INSTRUMENTS;

// Register the account, or log in when it exists already; returns the session token.
async function logIn() {
  const [firstName] = options.email.split("@");
  const registered = await postJson("/api/auth/register", {
    email: options.email,
    password: options.password,
    first_name: firstName,
    last_name: "Watcher",
  });
  if (registered.status === 201) {
    console.log(`Registered ${options.email}.`);
    return registered.body.token;
  }

  if (registered.status !== 409) {
    throw new Error(`Registration failed (HTTP ${registered.status}): ${problemText(registered.body)}`);
  }

  const loggedIn = await postJson("/api/auth/login", { email: options.email, password: options.password });
  if (loggedIn.status !== 200) {
    throw new Error(`Login failed (HTTP ${loggedIn.status}): ${problemText(loggedIn.body)}`);
  }

  console.log(`Logged in as ${options.email}.`);
  return loggedIn.body.token;
}

async function postJson(path, body, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }

  const response = await fetch(server + path, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, ok: response.ok, body: text ? JSON.parse(text) : null };
}

function problemText(problem) {
  return problem?.detail ?? problem?.message ?? JSON.stringify(problem);
}

// One line per update: symbol, LTP, change %, last trade time (IST, as sent) and age. The age is
// measured here from the server's receive time, so it assumes both clocks agree (true on one machine).
function printUpdate(snapshot) {
  const symbol = snapshot.symbol.padEnd(10);
  const ltp = snapshot.ltp === null ? "       -" : snapshot.ltp.toFixed(2).padStart(10);
  const change = snapshot.changePercent === null ? "     -" : `${snapshot.changePercent >= 0 ? "+" : ""}${snapshot.changePercent.toFixed(2)}%`.padStart(7);
  const ltt = snapshot.ltt ?? "-";
  const age = Math.max(0, Date.now() - Date.parse(snapshot.receivedAt));
  const stale = snapshot.stale ? `  stale: ${snapshot.staleReason}` : "";
  console.log(`${symbol} ${ltp} ${change}  LTT ${ltt}  age ${age} ms${stale}`);
}

async function subscribe(connection) {
  const result = await connection.invoke("Subscribe", { instruments, mode: options.mode });
  console.log(`Subscribed ${result.instruments.join(", ")} in ${result.mode} mode; ${result.snapshots.length} snapshots now.`);
  result.snapshots.forEach(printUpdate);
  const waiting = result.instruments.filter((key) => !result.snapshots.some((s) => s.instrument === key));
  if (waiting.length > 0) {
    console.log(`No values yet for ${waiting.join(", ")}; they print when the feed sends them (the replayed day may have no recording of them).`);
  }
}

// Returns "active", "ended" (the server rejects the token) or "unreachable".
async function checkSession(token) {
  try {
    const response = await postJson("/api/auth/heartbeat", {}, token);
    if (response.status === 401) {
      return "ended";
    }

    return response.ok ? "active" : "unreachable";
  } catch {
    return "unreachable";
  }
}

async function sendHeartbeat(connection) {
  if (connection.state !== signalR.HubConnectionState.Connected) {
    return;
  }

  try {
    await connection.invoke("Heartbeat");
  } catch (error) {
    console.error(`Heartbeat failed: ${error.message}`);
  }
}

let token;
let heartbeats;
let stopping = false;

try {
  token = await logIn();
} catch (error) {
  console.error(error.cause ? `${error.message} (${error.cause.message}); is the server running at ${server}?` : error.message);
  process.exit(1);
}

// Automatic reconnect covers connections that drop. When the server closes a connection itself
// (session ended, server shutting down, client too slow) it forbids automatic reconnect, so
// onclose decides what to do.
const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${server}/hubs/market`, { accessTokenFactory: () => token })
  .withAutomaticReconnect()
  .configureLogging(signalR.LogLevel.Warning)
  .build();

connection.on("marketUpdates", (snapshots) => snapshots.forEach(printUpdate));
connection.on("feedState", ({ state, at, reason }) => console.log(`Feed ${state} at ${at}${reason ? ` (${reason})` : ""}`));
connection.on("closing", ({ reason }) => console.log(`The server is closing the connection: ${reason}`));
connection.onreconnecting((error) => console.log(`Reconnecting${error ? ` after: ${error.message}` : ""}...`));
connection.onreconnected(async () => {
  console.log("Reconnected; subscribing again.");
  try {
    await subscribe(connection);
  } catch (error) {
    console.error(`Subscribe failed: ${error.message}`);
  }
});
connection.onclose(async (error) => {
  if (!stopping) {
    console.log(`Disconnected${error ? `: ${error.message}` : ""}.`);
    await resume();
  }
});

// Starts the connection again while the session is active: every 2 s for two minutes, long
// enough for a restarting server. Exits when the session has ended.
async function resume() {
  const deadline = Date.now() + 120_000;
  while (!stopping && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const session = await checkSession(token);
    if (session === "ended") {
      console.error("The session has ended (logged out, revoked or idle too long); run the command again to log in.");
      process.exit(1);
    }

    if (session === "active" && !stopping) {
      try {
        await connection.start();
        console.log("Connected again.");
        await subscribe(connection);
        return;
      } catch (error) {
        console.log(`Connecting again failed: ${error.message}`);
      }
    }
  }

  if (!stopping) {
    console.error(`The server at ${server} did not come back within two minutes.`);
    process.exit(1);
  }
}

// Ctrl+C logs out, so the session ends now rather than after the idle timeout, and the shared
// feed can stop once no session is left.
process.on("SIGINT", async () => {
  stopping = true;
  console.log("Stopping.");
  clearInterval(heartbeats);
  await connection.stop();
  await postJson("/api/auth/logout", {}, token).catch(() => {});
  console.log("Logged out.");
});

try {
  await connection.start();
  console.log(`Connected to ${server}/hubs/market.`);
  await subscribe(connection);
} catch (error) {
  console.error(error.message);
  await connection.stop();
  process.exit(1);
}

// A terminal left running counts as a user who is present. A browser page sends heartbeats only
// while it is visible (see market.html).
heartbeats = setInterval(() => sendHeartbeat(connection), HEARTBEAT_INTERVAL_MS);
