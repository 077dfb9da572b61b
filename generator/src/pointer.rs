//! JSON pointers (RFC 6901), written and read in one place.

/// A JSON pointer under construction. Tokens are escaped when pushed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document: ``.
    pub(crate) fn root() -> Self {
        Self(String::new())
    }

    /// A written pointer read back (`/paths/~1pets/get`), so that it can
    /// be extended.
    pub(crate) fn parse(written: &str) -> Self {
        Self::from_tokens(tokens(written))
    }

    /// The pointer through these (unescaped) reference tokens.
    pub(crate) fn from_tokens<T: std::fmt::Display>(tokens: impl IntoIterator<Item = T>) -> Self {
        tokens
            .into_iter()
            .fold(Self::root(), |at, token| at.join(token))
    }

    /// This pointer extended by one reference token.
    pub(crate) fn join(&self, token: impl std::fmt::Display) -> Self {
        Self(format!("{}/{}", self.0, escape(&token.to_string())))
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One reference token as a JSON pointer writes it (RFC 6901): `~` as
/// `~0`, `/` as `~1`.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A written reference token read back: `~1` as `/`, `~0` as `~`.
pub(crate) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The reference tokens of a written pointer (`/a/b~1c` gives `a`, `b/c`).
pub(crate) fn tokens(pointer: &str) -> Vec<String> {
    pointer.split('/').skip(1).map(unescape).collect()
}
