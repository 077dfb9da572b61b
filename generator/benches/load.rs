//! `cargo bench -p generator --bench load`: calls under concurrency. Many
//! tasks share one client and send GETs at once to a loopback server that
//! answers every request with the same JSON; the generated client's
//! `token_info` against the same GET made with a plain shared
//! `reqwest::Client` decoding the same type: as it comes, with a 30 s
//! timeout, and with that timeout and the generated client's user agent
//! (the request the generated client sends, header for header). The
//! clients take turns, each round starting with the next, and each
//! reports calls per second,
//! latency percentiles, the allocations each call makes (counted by this
//! process's allocator; the server allocates nothing per request), the
//! connections it opened and the CPU time per call (the whole process's,
//! server included).
//!
//! `LOAD_CALLS`, `LOAD_CONCURRENCY` and `LOAD_ROUNDS` change the defaults
//! (20,000 calls, 256 at once, two rounds); `LOAD_ALONE=generated` (or
//! `plain`, `timed`, `same`) runs one client's rounds alone in the process, for a
//! profiler or to compare clients without each other's pools and
//! allocations beside them.

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

/// What one client did in one round.
struct Round {
    seconds: f64,
    latencies: Vec<Duration>,
    allocations: u64,
    bytes: u64,
    connections: u64,
    cpu: Duration,
}

impl Round {
    fn calls_per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.seconds
    }

    fn percentile(&self, p: f64) -> Duration {
        let index = ((self.latencies.len() as f64 * p).ceil() as usize).saturating_sub(1);
        self.latencies[index]
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
    Round {
        seconds,
        latencies,
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

/// One row of the table; the ratios are to `plain`'s round, if measured.
fn print_row(n: usize, name: &str, r: &Round, plain: Option<&Round>) {
    let per_call = |r: &Round, v: u64| v as f64 / r.latencies.len() as f64;
    let ratio = |value: Option<f64>| value.map_or("–".to_owned(), |v| format!("{v:.3}"));
    println!(
        "| {n} | {name} | {:.0} | {:.2} | {:.2} | {:.1} | {:.0} | {} | {:.1} | {} | {} |",
        r.calls_per_second(),
        r.percentile(0.5).as_secs_f64() * 1e3,
        r.percentile(0.99).as_secs_f64() * 1e3,
        per_call(r, r.allocations),
        per_call(r, r.bytes),
        r.connections,
        r.cpu.as_secs_f64() * 1e6 / r.latencies.len() as f64,
        ratio(plain.map(|p| r.calls_per_second() / p.calls_per_second())),
        ratio(plain.map(|p| per_call(r, r.allocations) / per_call(p, p.allocations))),
    );
}

fn main() {
    let settings = Settings {
        calls: setting("LOAD_CALLS", 20_000),
        concurrency: setting("LOAD_CONCURRENCY", 256),
        rounds: setting("LOAD_ROUNDS", 2),
    };
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

    println!(
        "{} calls, {} at once, one shared client each, loopback server\n",
        settings.calls, settings.concurrency
    );
    println!(
        "| round | client | calls/s | p50 ms | p99 ms | allocations/call | bytes/call | new connections | CPU µs/call | calls/s vs plain | allocations vs plain |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    const NAMES: [&str; 4] = [
        "plain reqwest",
        "plain reqwest, 30 s timeout",
        "plain reqwest, the same request",
        "generated",
    ];
    // One round of client `i` of `NAMES`.
    let run = async |i: usize, settings: &Settings| match i {
        0 => round(settings, call_plain.clone()).await,
        1 => round(settings, call_timed.clone()).await,
        2 => round(settings, call_same.clone()).await,
        _ => round(settings, call_generated.clone()).await,
    };
    let alone = match std::env::var("LOAD_ALONE").as_deref() {
        Err(_) => None,
        Ok("plain") => Some(0),
        Ok("timed") => Some(1),
        Ok("same") => Some(2),
        Ok(_) => Some(3),
    };
    runtime.block_on(async {
        if let Some(i) = alone {
            // Only this client's rounds, with no other client's pool or
            // allocations in the process.
            run(i, &warm_up(&settings)).await;
            for n in 1..=settings.rounds {
                print_row(n, NAMES[i], &run(i, &settings).await, None);
            }
            return;
        }
        let warm = warm_up(&settings);
        for i in 0..NAMES.len() {
            run(i, &warm).await;
        }
        for n in 1..=settings.rounds {
            // Each round starts with another client, so none always runs
            // after the others have filled the allocator's caches.
            let mut rounds: [Option<Round>; 4] = Default::default();
            for turn in 0..NAMES.len() {
                let i = (turn + n) % NAMES.len();
                rounds[i] = Some(run(i, &settings).await);
            }
            let rounds = rounds.map(|r| r.expect("each client ran once"));
            for (name, r) in NAMES.iter().zip(&rounds) {
                print_row(n, name, r, Some(&rounds[0]));
            }
        }
    });
}
