//! When and how long to wait before retrying a request.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// How a client retries failed requests.
///
/// A request is retried after a connection error or a 408, 429, 502, 503 or
/// 504 response, only if its method is idempotent (GET, HEAD, OPTIONS, PUT,
/// DELETE, TRACE) or [`retry_non_idempotent`](Self::retry_non_idempotent) is
/// set, and only if its body can be sent again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retries. Default: 2.
    pub max_retries: u32,
    /// The wait before the first retry, doubled for each later one, with
    /// random jitter of up to half. Default: 500 ms.
    pub initial_backoff: Duration,
    /// The longest wait between attempts from backoff. Default: 8 s.
    pub max_backoff: Duration,
    /// The longest `Retry-After` the client waits for. A server that asks
    /// for longer gets its response returned instead: retrying sooner than it
    /// asked would only be refused again. Default: 60 s.
    pub max_retry_after: Duration,
    /// Also retry POST and PATCH, which may not be safe to repeat. Default:
    /// false.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Whether requests with this method may be retried at all.
    pub(crate) fn allows(&self, method: &Method) -> bool {
        self.max_retries > 0
            && (self.retry_non_idempotent
                || matches!(
                    *method,
                    Method::GET
                        | Method::HEAD
                        | Method::OPTIONS
                        | Method::PUT
                        | Method::DELETE
                        | Method::TRACE
                ))
    }

    /// The wait before retry number `retry` (1 for the first retry) after a
    /// response with `headers`, or `None` if the server asks for more than
    /// [`max_retry_after`](Self::max_retry_after).
    pub(crate) fn delay(&self, retry: u32, headers: Option<&HeaderMap>) -> Option<Duration> {
        if let Some(asked) = headers.and_then(retry_after) {
            return (asked <= self.max_retry_after).then_some(asked);
        }
        let doubled = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
        let backoff = doubled.min(self.max_backoff);
        // Jitter spreads out clients that failed together.
        Some(backoff.mul_f64(1.0 - fastrand::f64() / 2.0))
    }
}

/// Statuses that say "try again later".
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 502 | 503 | 504)
}

/// `Retry-After` as a wait: delay-seconds or an HTTP date. Seconds too many
/// for a `u64` are a wait beyond any cap, not garbage.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        let seconds = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, retry_after.parse().unwrap());
        headers
    }

    #[test]
    fn only_idempotent_methods_are_retried_by_default() {
        let policy = RetryPolicy::default();
        assert!(policy.allows(&Method::GET) && policy.allows(&Method::DELETE));
        assert!(!policy.allows(&Method::POST) && !policy.allows(&Method::PATCH));
        let opted_in = RetryPolicy {
            retry_non_idempotent: true,
            ..policy
        };
        assert!(opted_in.allows(&Method::POST));
        assert!(!RetryPolicy::never().allows(&Method::GET));
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let policy = RetryPolicy::default();
        for _ in 0..100 {
            let first = policy.delay(1, None).unwrap();
            assert!(first >= Duration::from_millis(250) && first <= Duration::from_millis(500));
            let third = policy.delay(3, None).unwrap();
            assert!(third >= Duration::from_secs(1) && third <= Duration::from_secs(2));
            assert!(policy.delay(30, None).unwrap() <= policy.max_backoff);
        }
    }

    #[test]
    fn retry_after_seconds_and_dates_are_honoured_up_to_the_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.delay(1, Some(&headers("3"))),
            Some(Duration::from_secs(3))
        );
        assert_eq!(policy.delay(1, Some(&headers("61"))), None);
        let too_big = "99999999999999999999999999";
        assert_eq!(
            policy.delay(1, Some(&headers(too_big))),
            None,
            "beyond u64: beyond the cap"
        );
        let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(10));
        let waited = policy.delay(1, Some(&headers(&soon))).unwrap();
        assert!(
            waited > Duration::from_secs(8) && waited <= Duration::from_secs(10),
            "{waited:?}"
        );
        let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(10));
        assert_eq!(policy.delay(1, Some(&headers(&past))), Some(Duration::ZERO));
    }

    #[test]
    fn an_unreadable_retry_after_falls_back_to_backoff() {
        let delay = RetryPolicy::default()
            .delay(1, Some(&headers("soon")))
            .unwrap();
        assert!(delay <= Duration::from_millis(500));
    }
}
