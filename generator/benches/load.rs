//! `cargo bench -p generator --bench load`: calls under concurrency. Many
//! tasks share one client and send GETs at once to a loopback server that
//! answers every request with the same JSON; the generated client's
//! `token_info` against the same GET made with a plain shared
//! `reqwest::Client` decoding the same type: as it comes, with a 30 s
//! timeout, and with that timeout and the generated client's user agent
//! (the request the generated client sends, header for header).
//!
//! Each client runs in a process of its own (this program again, with
//! `LOAD_ALONE` set), so no client's connection pool or allocations sit
//! beside another's; the processes alternate, each run starting with the
//! next client, as this machine's speed drifts. Each process reports, per
//! round, calls per second, latency percentiles, the allocations each call
//! makes (counted by its allocator; the server allocates nothing per
//! request), the connections it opened and the CPU time per call (the
//! whole process's, server included). The last table is each client's
//! mean over every round, as ratios to plain `reqwest` and to the same
//! request.
//!
//! `LOAD_CALLS`, `LOAD_CONCURRENCY`, `LOAD_ROUNDS` and `LOAD_RUNS` change
//! the defaults (20,000 calls, 256 at once, three rounds per process,
//! three processes per client); `LOAD_ALONE=generated` (or `plain`,
//! `timed`, `same`) runs that one client's rounds in this process, for a
//! profiler.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use generated_client::miro::TokenInformation;
use reqwest::header::HeaderValue;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The system allocator, counting allocations and bytes asked for.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static ALLOCATED: AtomicU64 = AtomicU64::new(0);
/// Connections the server has accepted.
static CONNECTIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is passed on to `System` unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const BODY: &str = r#"{"type":"user","scopes":["boards:read","boards:write"],"team":{"type":"team","name":"Core","id":"3458764517517852417"},"createdBy":{"type":"user","name":"Ada Lovelace","id":"3458764517517819000"},"user":{"type":"user","name":"Ada Lovelace","id":"3458764517517819000"},"organization":{"type":"organization","name":"Analytical Engines","id":"3074457345618265000"}}"#;

/// Answers every request on a connection with `BODY`, keeping the
/// connection open; buffers are made once per connection.
async fn serve(listener: TcpListener) {
    let reply: Arc<[u8]> = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
        BODY.len()
    )
    .into_bytes()
    .into();
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        CONNECTIONS.fetch_add(1, Ordering::Relaxed);
        let _ = socket.set_nodelay(true);
        let reply = reply.clone();
        tokio::spawn(async move {
            let mut buffer = vec![0_u8; 16 * 1024];
            let mut filled = 0;
            loop {
                // Every request whose head has arrived is answered; a GET
                // has no body.
                while let Some(end) = buffer[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                    if socket.write_all(&reply).await.is_err() {
                        return;
                    }
                    buffer.copy_within(end + 4..filled, 0);
                    filled -= end + 4;
                }
                match socket.read(&mut buffer[filled..]).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => filled += n,
                }
            }
        });
    }
}

struct Settings {
    calls: usize,
    concurrency: usize,
    rounds: usize,
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one client did in one round, as its process reports it.
#[derive(Clone, Copy)]
struct Round {
    calls: usize,
    seconds: f64,
    p50: Duration,
    p99: Duration,
    allocations: u64,
    bytes: u64,
    connections: u64,
    cpu: Duration,
}

impl Round {
    fn calls_per_second(&self) -> f64 {
        self.calls as f64 / self.seconds
    }

    fn per_call(&self, value: f64) -> f64 {
        value / self.calls as f64
    }

    fn allocations_per_call(&self) -> f64 {
        self.per_call(self.allocations as f64)
    }

    /// The line a process prints for the bench that started it.
    fn to_line(self) -> String {
        format!(
            "round {} {} {} {} {} {} {} {}",
            self.calls,
            self.seconds,
            self.p50.as_nanos(),
            self.p99.as_nanos(),
            self.allocations,
            self.bytes,
            self.connections,
            self.cpu.as_nanos()
        )
    }

    fn from_line(line: &str) -> Option<Round> {
        let mut fields = line.strip_prefix("round ")?.split(' ');
        let mut next = || fields.next()?.parse::<f64>().ok();
        let nanos = |n: f64| Duration::from_nanos(n as u64);
        Some(Round {
            calls: next()? as usize,
            seconds: next()?,
            p50: nanos(next()?),
            p99: nanos(next()?),
            allocations: next()? as u64,
            bytes: next()? as u64,
            connections: next()? as u64,
            cpu: nanos(next()?),
        })
    }
}

/// The rounds' mean, figure by figure. Calls per second are averaged,
/// not seconds: every round makes the same number of calls.
fn mean(rounds: &[Round]) -> Round {
    let n = rounds.len() as f64;
    let sum = |f: &dyn Fn(&Round) -> f64| rounds.iter().map(f).sum::<f64>() / n;
    let calls = rounds[0].calls;
    Round {
        calls,
        seconds: calls as f64 / sum(&Round::calls_per_second),
        p50: Duration::from_secs_f64(sum(&|r| r.p50.as_secs_f64())),
        p99: Duration::from_secs_f64(sum(&|r| r.p99.as_secs_f64())),
        allocations: sum(&|r| r.allocations as f64).round() as u64,
        bytes: sum(&|r| r.bytes as f64).round() as u64,
        connections: sum(&|r| r.connections as f64).round() as u64,
        cpu: Duration::from_secs_f64(sum(&|r| r.cpu.as_secs_f64())),
    }
}

/// The CPU time this process has used so far, every thread's (the
/// server's too), user and system: `utime` and `stime` of
/// `/proc/self/stat`, in Linux's clock ticks of 10 ms. Zero elsewhere.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok());
    let (user, system) = (ticks(11).unwrap_or(0), ticks(12).unwrap_or(0));
    Duration::from_millis((user + system) * 10)
}

/// Runs `calls` calls of `call` from `concurrency` tasks at once.
async fn round<F, Fut>(settings: &Settings, call: F) -> Round
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = TokenInformation> + Send,
{
    let per_task = settings.calls / settings.concurrency;
    let tasks: Vec<_> = (0..settings.concurrency)
        .map(|_| Vec::with_capacity(per_task))
        .collect();
    let allocations = ALLOCATIONS.load(Ordering::Relaxed);
    let bytes = ALLOCATED.load(Ordering::Relaxed);
    let connections = CONNECTIONS.load(Ordering::Relaxed);
    let cpu = cpu_time();
    let started = Instant::now();
    let handles: Vec<_> = tasks
        .into_iter()
        .map(|mut latencies| {
            let call = call.clone();
            tokio::spawn(async move {
                for _ in 0..per_task {
                    let sent = Instant::now();
                    let token = call().await;
                    latencies.push(sent.elapsed());
                    assert_eq!(token.user.name, "Ada Lovelace");
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(settings.calls);
    for handle in handles {
        latencies.extend(handle.await.expect("a task finishes"));
    }
    let seconds = started.elapsed().as_secs_f64();
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - allocations;
    let bytes = ALLOCATED.load(Ordering::Relaxed) - bytes;
    let connections = CONNECTIONS.load(Ordering::Relaxed) - connections;
    let cpu = cpu_time() - cpu;
    latencies.sort_unstable();
    let percentile = |p: f64| {
        let index = ((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1);
        latencies[index]
    };
    Round {
        calls: latencies.len(),
        seconds,
        p50: percentile(0.5),
        p99: percentile(0.99),
        allocations,
        bytes,
        connections,
        cpu,
    }
}

/// The call made with plain `reqwest` through `http`: the same GET, the
/// same type decoded with `serde_json`.
async fn plain_get(http: reqwest::Client, url: String) -> TokenInformation {
    let response = http
        .get(url)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    let body = response.bytes().await.unwrap();
    serde_json::from_slice::<TokenInformation>(&body).unwrap()
}

/// The round that opens connections and warms pools, not measured.
fn warm_up(settings: &Settings) -> Settings {
    Settings {
        calls: settings.concurrency * 4,
        concurrency: settings.concurrency,
        rounds: 1,
    }
}

/// The clients: the name `LOAD_ALONE` takes, and the table's.
const CLIENTS: [(&str, &str); 4] = [
    ("plain", "plain reqwest"),
    ("timed", "plain reqwest, 30 s timeout"),
    ("same", "plain reqwest, the same request"),
    ("generated", "generated"),
];

/// The rows the ratios are to: plain `reqwest`, and the same request.
const PLAIN: usize = 0;
const SAME: usize = 2;

fn main() {
    let settings = Settings {
        calls: setting("LOAD_CALLS", 20_000),
        concurrency: setting("LOAD_CONCURRENCY", 256),
        rounds: setting("LOAD_ROUNDS", 3),
    };
    let Ok(name) = std::env::var("LOAD_ALONE") else {
        return alternate(&settings, setting("LOAD_RUNS", 3));
    };
    let i = CLIENTS
        .iter()
        .position(|(key, _)| *key == name)
        .unwrap_or_else(|| panic!("LOAD_ALONE={name}: not one of plain, timed, same, generated"));
    // For the bench that started this process: a line per round.
    let report = std::env::var_os("LOAD_REPORT").is_some();
    if !report {
        print_header(&settings);
    }
    for (n, round) in alone(i, &settings).iter().enumerate() {
        match report {
            true => println!("{}", round.to_line()),
            false => print_row(&(n + 1).to_string(), CLIENTS[i].1, round, None),
        }
    }
}

fn print_header(settings: &Settings) {
    println!(
        "{} calls, {} at once, one shared client, loopback server, each client in a process of its own\n",
        settings.calls, settings.concurrency
    );
    println!(
        "| run | client | calls/s | p50 ms | p99 ms | allocations/call | bytes/call | new connections | CPU µs/call | calls/s vs plain | calls/s vs the same request | allocations vs plain |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
}

/// One row of the table, with its three ratios (calls/s to plain
/// `reqwest`'s and to the same request's, allocations to plain
/// `reqwest`'s) when they were measured.
fn print_row(run: &str, name: &str, r: &Round, ratios: Option<[String; 3]>) {
    let [plain, same, allocations] =
        ratios.unwrap_or_else(|| ["–".to_owned(), "–".to_owned(), "–".to_owned()]);
    println!(
        "| {run} | {name} | {:.0} | {:.2} | {:.2} | {:.1} | {:.0} | {} | {:.1} | {plain} | {same} | {allocations} |",
        r.calls_per_second(),
        r.p50.as_secs_f64() * 1e3,
        r.p99.as_secs_f64() * 1e3,
        r.allocations_per_call(),
        r.per_call(r.bytes as f64),
        r.connections,
        r.per_call(r.cpu.as_secs_f64() * 1e6),
    );
}

/// Every client's rounds in processes of their own, `runs` each, the
/// clients alternating and each run starting with the next, as this
/// machine's speed drifts: a row per process (its rounds' mean), then
/// each client's mean over all its rounds, with its ratios as the ratio
/// of the means and the range of the runs' ratios.
fn alternate(settings: &Settings, runs: usize) {
    print_header(settings);
    let mut by_run: Vec<[Round; 4]> = Vec::new();
    let mut all: [Vec<Round>; 4] = Default::default();
    for run in 1..=runs {
        let mut means: [Option<Round>; 4] = [None; 4];
        for turn in 0..CLIENTS.len() {
            let i = (turn + run) % CLIENTS.len();
            let rounds = in_own_process(i);
            let process = mean(&rounds);
            print_row(&run.to_string(), CLIENTS[i].1, &process, None);
            means[i] = Some(process);
            all[i].extend(rounds);
        }
        by_run.push(means.map(|m| m.expect("each client ran")));
    }
    let means = all.each_ref().map(|rounds| mean(rounds));
    let ratio = |i: usize, to: usize, f: fn(&Round) -> f64| {
        let each = by_run.iter().map(|run| f(&run[i]) / f(&run[to]));
        let min = each.clone().fold(f64::INFINITY, f64::min);
        let max = each.fold(0.0, f64::max);
        format!("{:.3} ({min:.3} to {max:.3})", f(&means[i]) / f(&means[to]))
    };
    for (i, (_, name)) in CLIENTS.iter().enumerate() {
        let ratios = [
            ratio(i, PLAIN, Round::calls_per_second),
            ratio(i, SAME, Round::calls_per_second),
            ratio(i, PLAIN, Round::allocations_per_call),
        ];
        print_row("all", name, &means[i], Some(ratios));
    }
}

/// Client `i`'s rounds, run by this program again in a process of its own.
fn in_own_process(i: usize) -> Vec<Round> {
    let exe = std::env::current_exe().expect("the bench's own path");
    let output = std::process::Command::new(exe)
        .env("LOAD_ALONE", CLIENTS[i].0)
        .env("LOAD_REPORT", "1")
        .output()
        .expect("the bench runs again");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "LOAD_ALONE={} failed: {stdout}{}",
        CLIENTS[i].0,
        String::from_utf8_lossy(&output.stderr)
    );
    let rounds: Vec<Round> = stdout.lines().filter_map(Round::from_line).collect();
    assert!(
        !rounds.is_empty(),
        "LOAD_ALONE={} reported no round",
        CLIENTS[i].0
    );
    rounds
}

/// Client `i`'s rounds in this process, after a warm-up round, against a
/// loopback server of its own.
fn alone(i: usize, settings: &Settings) -> Vec<Round> {
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = server
        .block_on(TcpListener::bind("127.0.0.1:0"))
        .expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    server.spawn(serve(listener));
    let runtime = tokio::runtime::Runtime::new().unwrap();

    let generated = generated_client::miro::Client::new(&base).unwrap();
    let url = format!("{base}/v1/oauth-token");
    let plain = reqwest::Client::new();
    let plain_url = url.clone();
    let call_plain = move || plain_get(plain.clone(), plain_url.clone());
    // What a careful hand-written client adds: a timeout, as the
    // generated client has by default.
    let timed = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let timed_url = url.clone();
    let call_timed = move || plain_get(timed.clone(), timed_url.clone());
    // The request the generated client sends: its timeout and its user
    // agent too.
    let same = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .user_agent(HeaderValue::from_static(
            generated_client::miro::Client::USER_AGENT,
        ))
        .build()
        .unwrap();
    let call_same = move || plain_get(same.clone(), url.clone());
    let call_generated = move || {
        let client = generated.clone();
        async move { client.token_info().await.unwrap().into_inner() }
    };

    // One round of client `i` of `CLIENTS`.
    let run = async |i: usize, settings: &Settings| match i {
        0 => round(settings, call_plain.clone()).await,
        1 => round(settings, call_timed.clone()).await,
        2 => round(settings, call_same.clone()).await,
        _ => round(settings, call_generated.clone()).await,
    };
    runtime.block_on(async {
        run(i, &warm_up(settings)).await;
        let mut rounds = Vec::new();
        for _ in 0..settings.rounds {
            rounds.push(run(i, settings).await);
        }
        rounds
    })
}
