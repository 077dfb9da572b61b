//! `cargo bench -p generator --bench download`: peak memory of downloading
//! a 1 GiB body on loopback through a streaming method, against the same
//! download read whole. Memory is the process's peak resident set
//! (`VmHWM`), so the streaming run goes first.

use std::time::Instant;

use fixture_client::bodies::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const SIZE: u64 = 1 << 30;
const CHUNK: usize = 64 * 1024;

/// The process's peak resident set so far, in MiB (Linux).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// Answers every request with `SIZE` bytes, written in chunks as they are
/// made, so the server holds no more than a chunk.
async fn serve(listener: TcpListener) {
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        tokio::spawn(async move {
            let mut head = Vec::new();
            let mut buf = [0_u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: {SIZE}\r\n\r\n"
            );
            if socket.write_all(reply.as_bytes()).await.is_err() {
                return;
            }
            let chunk = vec![7_u8; CHUNK];
            let mut left = SIZE;
            while left > 0 {
                let n = left.min(CHUNK as u64) as usize;
                if socket.write_all(&chunk[..n]).await.is_err() {
                    return;
                }
                left -= n as u64;
            }
        });
    }
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(serve(listener));
        let options = fixture_client::runtime::RequestOptions::new()
            .timeout(std::time::Duration::from_secs(600));
        let client = Client::new(&url).unwrap().with_options(options);

        println!("| mode | bytes | seconds | peak RSS before | peak RSS after |");
        println!("|---|---|---|---|---|");
        let before = peak_rss_mib();
        let started = Instant::now();
        let mut stream = client
            .upload_file(bytes::Bytes::from_static(b"x"))
            .stream()
            .await
            .unwrap()
            .into_inner();
        let mut total = 0_u64;
        while let Some(chunk) = stream.chunk().await.unwrap() {
            total += chunk.len() as u64;
        }
        assert_eq!(total, SIZE);
        println!(
            "| `upload_file_stream` + `chunk()` | {total} | {:.2} | {before:.0} MiB | {:.0} MiB |",
            started.elapsed().as_secs_f64(),
            peak_rss_mib()
        );

        let before = peak_rss_mib();
        let started = Instant::now();
        let whole = client
            .upload_file(bytes::Bytes::from_static(b"x"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(whole.len() as u64, SIZE);
        println!(
            "| `upload_file` (read whole) | {} | {:.2} | {before:.0} MiB | {:.0} MiB |",
            whole.len(),
            started.elapsed().as_secs_f64(),
            peak_rss_mib()
        );
    });
}
