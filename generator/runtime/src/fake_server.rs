//! The same fake over a real socket: a server on loopback that answers
//! each HTTP request as the in-process fake does, for code that cannot
//! take an in-process client (another process, a command-line tool, a test
//! in another language).

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::rt::TokioIo;
use tokio::task::JoinSet;

use super::auth::BoxError;
use super::fake::{Chunks, Fake, body_chunks};

/// A fake served on `127.0.0.1`, from [`Fake::serve`]: point any HTTP
/// client at [`url`](Self::url). Dropping it stops the server and closes
/// its connections.
#[derive(Debug)]
pub struct FakeServer {
    address: SocketAddr,
    /// The accepting task, which owns every connection's task.
    server: tokio::task::JoinHandle<()>,
}

impl FakeServer {
    /// The server's base URL, e.g. `http://127.0.0.1:38211`: a client's
    /// base URL, with the API's base path after it if it has one.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Fake {
    /// Serves this fake over HTTP/1.1 on a free port of `127.0.0.1`, on the
    /// current tokio runtime, until the returned server is dropped. Each
    /// request is matched as [`on`](Self::on) and [`expect`](Self::expect)
    /// say (the URL's path and query, not its host); a reply that fails the
    /// connection closes it, one cut short ends the body early, and a
    /// request that matches nothing gets a `500` whose body says why
    /// (and fails the test, as in process).
    ///
    /// # Errors
    ///
    /// If no port can be bound.
    pub async fn serve(&self) -> std::io::Result<FakeServer> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let fake = self.clone();
        let server = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                let fake = fake.clone();
                connections.spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let fake = fake.clone();
                        async move { answer(&fake, address, request).await }
                    });
                    let connection = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service);
                    // A connection the client or a reply broke ends here.
                    let _ = connection.await;
                });
            }
        });
        Ok(FakeServer { address, server })
    }
}

type ReplyBody = http_body_util::combinators::BoxBody<Bytes, BoxError>;

/// The fake's answer to one request received on the socket. An `Err`
/// closes the connection without a response.
async fn answer(
    fake: &Fake,
    address: SocketAddr,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<ReplyBody>, std::io::Error> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map_err(std::io::Error::other)?
        .to_bytes();
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let url =
        reqwest::Url::parse(&format!("http://{address}{target}")).map_err(std::io::Error::other)?;
    let mut received = reqwest::Request::new(parts.method, url);
    *received.headers_mut() = parts.headers;
    *received.body_mut() = Some(body.into());
    let reply = match fake.reply_to(&received) {
        Ok(reply) => reply,
        Err(report) => {
            let body = Full::new(Bytes::from(report))
                .map_err(|never: Infallible| match never {})
                .boxed();
            let mut response = hyper::Response::new(body);
            *response.status_mut() = reqwest::StatusCode::INTERNAL_SERVER_ERROR;
            return Ok(response);
        }
    };
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    if reply.failure.is_some() {
        return Err(std::io::Error::other("the fake API failed the connection"));
    }
    let body = StreamBody::new(Frames(body_chunks(reply.body))).boxed();
    let mut response = hyper::Response::new(body);
    *response.status_mut() = reply.status;
    *response.headers_mut() = reply.headers;
    Ok(response)
}

/// A reply's chunks as HTTP body frames.
struct Frames(Chunks);

impl futures_core::Stream for Frames {
    type Item = Result<Frame<Bytes>, BoxError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::pin::Pin::new(&mut self.0)
            .poll_next(cx)
            .map(|item| item.map(|chunk| chunk.map(Frame::data)))
    }
}
