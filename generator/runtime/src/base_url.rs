//! The URL every request's path is appended to, kept so that making a
//! request's URL allocates once.

use reqwest::Url;

use super::error::BuildError;

/// Bytes past the base URL every request's URL is made with room for: its
/// path and query, in most APIs. A longer one grows as before.
const ROOM: usize = 64;

/// A client's base URL, and a copy of it whose text has [`ROOM`] bytes to
/// spare. A URL copied copies its text, exactly as long as it is, so a
/// path appended to a copy of the base URL made it grow: a `realloc`,
/// which in glibc takes its arena's lock, contended when many threads
/// send calls at once. A request's URL is a copy of the roomy one, whose
/// last segment (the padding) gives way to the request's path.
#[derive(Debug)]
pub(crate) struct BaseUrl {
    url: Url,
    with_room: Url,
}

impl BaseUrl {
    /// `raw` as a base URL: http or https, no query, no fragment.
    pub(crate) fn parse(raw: &str) -> Result<Self, BuildError> {
        let invalid = |reason: &str| BuildError::InvalidBaseUrl {
            url: raw.to_owned(),
            reason: reason.to_owned(),
        };
        let url = Url::parse(raw).map_err(|e| invalid(&e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("the scheme must be http or https"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("a base URL cannot have a query or fragment"));
        }
        let mut with_room = url.clone();
        // An http(s) URL always has path segments.
        if let Ok(mut segments) = with_room.path_segments_mut() {
            segments.pop_if_empty().push(&"x".repeat(ROOM));
        }
        Ok(Self { url, with_room })
    }

    /// The base URL as given.
    pub(crate) fn url(&self) -> &Url {
        &self.url
    }

    /// The base URL with `segments` appended, each percent-encoded as one
    /// path segment (a segment of `.` or `..` is left out: the caller
    /// refuses those).
    pub(crate) fn join(&self, segments: &[&str]) -> Url {
        let mut url = self.with_room.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop().extend(segments);
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(base: &str, segments: &[&str]) -> String {
        BaseUrl::parse(base).unwrap().join(segments).to_string()
    }

    #[test]
    fn segments_follow_the_base_path_with_or_without_its_slash() {
        let segments = ["v1", "boards", "a b/c"];
        for (base, expected) in [
            ("http://h", "http://h/v1/boards/a%20b%2Fc"),
            ("http://h/", "http://h/v1/boards/a%20b%2Fc"),
            (
                "https://h:8443/api",
                "https://h:8443/api/v1/boards/a%20b%2Fc",
            ),
            (
                "https://h:8443/api/",
                "https://h:8443/api/v1/boards/a%20b%2Fc",
            ),
            ("https://h/a/b", "https://h/a/b/v1/boards/a%20b%2Fc"),
        ] {
            assert_eq!(joined(base, &segments), expected, "base {base}");
        }
        assert_eq!(joined("http://h/api/", &[]), "http://h/api");
        assert_eq!(joined("http://h", &[]), "http://h/");
    }

    #[test]
    fn a_path_and_query_within_the_room_make_one_allocation() {
        let base = BaseUrl::parse("https://api.example.com/v2").unwrap();
        let mut url = base.join(&["repos", "octo-org", "hello-world", "pulls"]);
        let room = url.as_str().as_ptr();
        url.query_pairs_mut()
            .append_pair("state", "open")
            .append_pair("per_page", "100");
        assert_eq!(
            url.as_str(),
            "https://api.example.com/v2/repos/octo-org/hello-world/pulls?state=open&per_page=100"
        );
        assert_eq!(url.as_str().as_ptr(), room, "the URL's text did not move");
    }

    #[test]
    fn the_url_is_the_base_url_copied_with_its_path_appended() {
        let bases = [
            "http://h",
            "http://h/",
            "https://u:p@h:1/a/",
            "https://h/a/b//",
        ];
        let paths: [&[&str]; 5] = [&[], &[""], &["a"], &["", "b"], &["ü", "?#%", "x/y"]];
        for base in bases {
            for segments in paths {
                // What a copy of the base URL grown by its path gives.
                let mut grown = Url::parse(base).unwrap();
                grown
                    .path_segments_mut()
                    .unwrap()
                    .pop_if_empty()
                    .extend(segments);
                assert_eq!(
                    joined(base, segments),
                    grown.as_str(),
                    "{base} {segments:?}"
                );
            }
        }
    }

    #[test]
    fn the_base_url_is_kept_as_given() {
        let base = BaseUrl::parse("https://h/api/").unwrap();
        assert_eq!(base.url().as_str(), "https://h/api/");
    }
}
